/**
 * One pass over a built page with htmlparser2: the ids it defines, the links it makes, the source
 * file it was built from (from the "Edit this page" link's `data-source`) and its security policy.
 */
import { Parser } from 'htmlparser2';
import { metaAttribute } from '../lib/search.ts';

/** A search result's thumbnail (src/lib/search.ts): the search page shows it, so it must exist like any image. */
const SEARCH_THUMBNAIL = metaAttribute('image');

export interface PageScan {
  /** `id` and `<a name>` values: the valid fragment targets of this page. */
  ids: Set<string>;
  /** Every `href`, `src`, `srcset` candidate, social image URL, search thumbnail and structured-data image URL, in document order. */
  links: string[];
  /** Content file the page was built from, when it says. */
  source?: string | undefined;
  /** The page's `<meta>` Content-Security-Policy, for the `_headers` file (./headers-file.ts). */
  policy?: string | undefined;
}

export function scanHtml(html: string): PageScan {
  const scan: PageScan = { ids: new Set(), links: [] };
  let structuredData: string | undefined;
  const parser = new Parser(
    {
      ontext(text) {
        if (structuredData !== undefined) structuredData += text;
      },
      onclosetag(name) {
        if (name !== 'script' || structuredData === undefined) return;
        scan.links.push(...structuredDataImages(structuredData));
        structuredData = undefined;
      },
      onopentag(name, attributes) {
        if (name === 'script' && attributes.type === 'application/ld+json') structuredData = '';
        if (attributes.id) scan.ids.add(attributes.id);
        if (name === 'a' && attributes.name) scan.ids.add(attributes.name);
        if (attributes['data-source']) scan.source = attributes['data-source'];
        if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'content-security-policy') scan.policy = attributes.content;
        for (const key of ['href', 'src'] as const) {
          const value = attributes[key];
          if (value !== undefined) scan.links.push(value);
        }
        if (attributes[SEARCH_THUMBNAIL]) scan.links.push(attributes[SEARCH_THUMBNAIL]);
        // Social images are links too: a card that was not built breaks every share of the page.
        if (name === 'meta' && attributes.content && ['og:image', 'twitter:image'].includes(attributes.property ?? attributes.name ?? '')) {
          scan.links.push(attributes.content);
        }
        if (attributes.srcset) {
          for (const candidate of attributes.srcset.split(',')) {
            const url = candidate.trim().split(/\s+/)[0];
            if (url) scan.links.push(url);
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return scan;
}

const IMAGE_KEYS = new Set(['image', 'logo', 'thumbnailUrl', 'contentUrl']);

/** The image URLs of a JSON-LD block: search engines show them, so they must exist like any other. */
export function structuredDataImages(json: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return []; // Invalid structured data is the site tests' finding, not a link.
  }
  const urls: string[] = [];
  const visit = (value: unknown, isImage: boolean): void => {
    if (typeof value === 'string') {
      if (isImage) urls.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, isImage);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, IMAGE_KEYS.has(key) || (isImage && key === 'url'));
    }
  };
  visit(data, false);
  return urls;
}

/** URLs a feed or sitemap points to: `<loc>`, `<link>`, `<guid>`, `href=` and `src=` anywhere. */
export function scanXmlUrls(xml: string): string[] {
  const urls: string[] = [];
  // Processing instructions (an xml-stylesheet) hold no link a feed reader follows.
  xml = xml.replace(/<\?[\s\S]*?\?>/g, '');
  const text = /<(loc|link|guid)(?:\s[^>]*)?>([^<]+)<\/\1>/g;
  for (const match of xml.matchAll(text)) urls.push(decodeXml(match[2]!.trim()));
  // Attributes, including those inside escaped HTML in <content:encoded> and <description>.
  const attribute = /\b(?:href|src)=(?:"|&quot;)(.*?)(?:"|&quot;)/g;
  for (const match of xml.matchAll(attribute)) urls.push(decodeXml(match[1]!));
  return urls;
}

/** A file a feed declares the size of, with the size it declares. */
export interface XmlEnclosure {
  url: string;
  length: string;
}

const ENCLOSURE_ELEMENTS: Record<string, { url: string; length: string }> = {
  enclosure: { url: 'url', length: 'length' },
  'media:content': { url: 'url', length: 'fileSize' },
  link: { url: 'href', length: 'length' },
};

/**
 * RSS `<enclosure>`s, Media RSS `<media:content>`s and Atom `<link rel="enclosure">`s: the files a
 * feed gives a size for. Markup inside escaped HTML (`&lt;link …`) is not an element, so not matched.
 */
export function scanXmlEnclosures(xml: string): XmlEnclosure[] {
  const found: XmlEnclosure[] = [];
  for (const [, name, attributeText] of xml.matchAll(/<(enclosure|media:content|link)\s([^>]*?)\/?>/g)) {
    const attributes = new Map([...attributeText!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, decodeXml(value!)]));
    if (name === 'link' && attributes.get('rel') !== 'enclosure') continue;
    const keys = ENCLOSURE_ELEMENTS[name!]!;
    const url = attributes.get(keys.url);
    if (url !== undefined) found.push({ url, length: attributes.get(keys.length) ?? '' });
  }
  return found;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** 1-based line of the first line in `source` containing `needle`, if any. */
export function lineContaining(source: string, needle: string): number | undefined {
  const index = source.split(/\r?\n/).findIndex((line) => line.includes(needle));
  return index === -1 ? undefined : index + 1;
}
