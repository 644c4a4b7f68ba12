/**
 * What "carries nothing that can run" means for the tests: HTML parsed with a real HTML parser
 * (linkedom, which follows the HTML parsing rules, so a mutation trick is parsed as a browser
 * would) has no element that runs script or loads another document, no event-handler attribute,
 * no inline style and no URL that is a script or data URL once decoded and normalised the way
 * browsers normalise URLs. Each finding names the element and attribute.
 */
import { parseHTML } from 'linkedom';

const RUNS_OR_LOADS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'svg',
  'math',
  'meta',
  'link',
  'style',
  'noscript',
  'template',
  'isindex',
  'portal',
]);

const URL_ATTRIBUTES = [
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'data',
  'cite',
  'background',
  'longdesc',
  'xlink:href',
  'ping',
  'manifest',
  'codebase',
  'dynsrc',
  'lowsrc',
];

/** A URL as a browser reads it: tabs and line breaks removed, leading controls and spaces trimmed, lower case. */
function normalised(url: string): string {
  return (
    url
      .replace(/[\t\n\r]/g, '')
      // eslint-disable-next-line no-control-regex -- browsers trim these from the start of a URL
      .replace(/^[\u0000-\u0020]+/, '')
      .toLowerCase()
  );
}

const isScriptUrl = (url: string) => /^(javascript|vbscript|livescript|data):/.test(normalised(url));

export interface InertOptions {
  /**
   * A whole page of the site: its own hashed `<style>` elements, its `<meta http-equiv>` CSP, its
   * JSON-LD `<script type="application/ld+json">` (checked to be one whole JSON value) and the
   * header's search form (a GET to the site's own search page) are allowed.
   */
  page?: boolean;
}

/** Everything in `html` that could run, load another document or restyle the page; empty when inert. */
export function scriptVectors(html: string, options: InertOptions = {}): string[] {
  const { document } = parseHTML(options.page ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (RUNS_OR_LOADS.has(tag) && !allowedOnPage(element, tag, options)) found.push(`<${tag}>`);
    for (const { name, value } of element.attributes) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) found.push(`<${tag} ${attribute}>`);
      if (attribute === 'style') found.push(`<${tag} style>`);
      if (URL_ATTRIBUTES.includes(attribute) && isScriptUrl(value)) found.push(`<${tag} ${attribute}="${value}">`);
      if (attribute === 'srcset' || attribute === 'imagesrcset') {
        for (const candidate of value.split(',')) {
          if (isScriptUrl(candidate.trim().split(/\s+/)[0] ?? '')) found.push(`<${tag} ${attribute}="${value}">`);
        }
      }
    }
  }
  return found;
}

function allowedOnPage(element: Element, tag: string, options: InertOptions): boolean {
  if (!options.page) return false;
  if (tag === 'style') return element.closest('head') !== null;
  if (tag === 'meta') {
    const equiv = element.getAttribute('http-equiv');
    return equiv === null || equiv.toLowerCase() === 'content-security-policy';
  }
  if (tag === 'link')
    return ['canonical', 'alternate', 'icon', 'preload', 'stylesheet', 'author', 'license', 'me', 'sitemap'].includes(
      element.getAttribute('rel') ?? '',
    );
  if (tag === 'form') {
    return (
      element.matches('body > header.site-header > form.site-search') &&
      element.getAttribute('method') === 'get' &&
      /^\/(?:[\w-]+\/)*search\/$/.test(element.getAttribute('action') ?? '')
    );
  }
  if (tag === 'script') {
    if (element.getAttribute('type') !== 'application/ld+json') return false;
    try {
      JSON.parse(element.textContent ?? '');
      return true;
    } catch {
      return false;
    }
  }
  return false;
}
