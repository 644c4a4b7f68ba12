/**
 * The HTML an article, docs page or author bio may become: every element and attribute not listed
 * here is refused. Both the compiler's own check (which reports each refusal with its line) and
 * hast-util-sanitize (which enforces it again on the finished tree) read this one table, in
 * hast-util-sanitize's format: `'name'` allows any value, `['name', value, /pattern/…]` only those.
 *
 * It covers what Markdown produces (GFM tables, footnotes and task lists included), the output of
 * the approved components, and the handful of inline elements contributors write by hand. Nothing
 * that can run script, load another page or restyle the site is here: no SVG or MathML (their
 * `<animate>`, `<set>` and `xlink:href` are script vectors), no forms, frames, `<meta>`, `<base>`,
 * `<style>`, `style`, event handlers, or `data-*` beyond the three GFM footnotes use.
 */
import type { Schema } from 'hast-util-sanitize';

type PropertyDefinition = string | [string, ...(string | number | boolean | RegExp)[]];

/** Classes the site's stylesheet gives meaning to in a body, and nothing else. */
const CLASSES = [
  'pull-quote',
  'callout',
  'callout-title',
  'figure',
  'credit',
  'video',
  'video-link',
  'map',
  'map-place',
  'footnotes',
  'sr-only',
  'data-footnote-backref',
  'contains-task-list',
  'task-list-item',
  'align-left',
  'align-center',
  'align-right',
  /^language-[a-z0-9+#-]+$/,
];

const className: PropertyDefinition = ['className', ...CLASSES];

export const ATTRIBUTES: Record<string, PropertyDefinition[]> = {
  '*': ['id', 'title', 'lang', 'dir', 'ariaHidden', 'ariaLabel', className],
  a: ['href', 'hreflang', ['rel', 'noopener', 'noreferrer', 'nofollow'], 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy'],
  img: ['src', 'alt', 'width', 'height'],
  video: ['src', 'poster', 'controls', ['preload', 'none', 'metadata']],
  track: ['src', ['kind', 'captions', 'subtitles'], 'srcLang', 'label', 'default'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'dateTime'],
  ins: ['cite', 'dateTime'],
  time: ['dateTime'],
  ol: ['start', 'reversed'],
  li: ['value'],
  th: ['colSpan', 'rowSpan', ['scope', 'row', 'col', 'rowgroup', 'colgroup']],
  td: ['colSpan', 'rowSpan'],
  details: ['open'],
  section: ['dataFootnotes'],
  input: [['type', 'checkbox'], ['disabled', true], 'checked'],
};

export const ELEMENTS = [
  // Text and structure Markdown produces.
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'hr', 'br'],
  ...['a', 'em', 'strong', 'del', 'img', 'sup', 'section', 'input'],
  ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption'],
  // What the approved components produce.
  ...['figure', 'figcaption', 'aside', 'span', 'video', 'track'],
  // Inline and block elements contributors write by hand.
  ...['b', 'i', 'u', 's', 'ins', 'sub', 'small', 'mark', 'abbr', 'cite', 'q', 'dfn', 'kbd', 'samp', 'var', 'time', 'wbr'],
  ...['div', 'details', 'summary', 'dl', 'dt', 'dd'],
];

/**
 * Elements whose content goes with them when they are refused: it is code, styles, another
 * document or drawing instructions, not text of the article.
 */
export const DROPPED_WITH_CONTENT = [
  ...['script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet'],
  ...['svg', 'math', 'textarea', 'select', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'head', 'canvas'],
];

/** Properties that hold a URL, and what the URL is for (see src/lib/url-policy.ts). */
export const URL_PROPERTIES: Record<string, 'link' | 'media'> = { href: 'link', cite: 'link', src: 'media', poster: 'media' };

/** Why some refused elements are refused, and what to write instead. */
export const ELEMENT_REASONS: Record<string, { reason: string; hint?: string }> = {
  script: { reason: 'scripts cannot run in articles' },
  iframe: { reason: "embedded pages load other sites' code", hint: 'use <Video> or <MapEmbed>' },
  frame: { reason: 'frames are not allowed' },
  frameset: { reason: 'frames are not allowed' },
  object: { reason: 'plug-in content is not allowed', hint: 'use <Video> or a link' },
  embed: { reason: 'plug-in content is not allowed', hint: 'use <Video> or a link' },
  applet: { reason: 'plug-in content is not allowed' },
  style: { reason: 'styles belong to the site theme', hint: 'describe what you need in the pull request' },
  link: { reason: 'page resources are set by the layout' },
  meta: { reason: 'page metadata comes from the frontmatter' },
  base: { reason: 'the base URL is set by the site' },
  form: { reason: 'forms are not allowed in articles' },
  svg: { reason: 'inline SVG can run script', hint: 'save the drawing as a PNG or JPEG beside the article and use ![alt](./file.png)' },
  math: { reason: 'MathML is not supported', hint: 'write the formula as text or an image' },
  noscript: { reason: 'there is no script to stand in for' },
  template: { reason: 'templates are not rendered' },
};

/** The same table for hast-util-sanitize, which enforces it on the finished tree. */
export const SANITIZE_SCHEMA: Schema = {
  tagNames: ELEMENTS,
  attributes: ATTRIBUTES,
  // Table parts outside a table would break out of their place in the page.
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], caption: ['table'] },
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'], src: ['http', 'https'], poster: ['http', 'https'] },
  // Ids stay as written: headings' ids are link targets, and article pages run no script to clobber.
  clobber: [],
  clobberPrefix: '',
  strip: DROPPED_WITH_CONTENT,
  required: { input: { type: 'checkbox', disabled: true } },
  allowComments: false,
  allowDoctypes: false,
};

/** The definition that allows `property` on `tag`, if there is one. */
export function definitionOf(tag: string, property: string): PropertyDefinition | undefined {
  const find = (list: PropertyDefinition[] | undefined) =>
    list?.find((definition) => (typeof definition === 'string' ? definition : definition[0]) === property);
  return find(ATTRIBUTES[tag]) ?? find(ATTRIBUTES['*']);
}

/** Whether one value (one class of a class list) is allowed by a definition, as hast-util-sanitize decides. */
export function allowsValue(definition: PropertyDefinition, value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  if (typeof definition === 'string' || definition.length === 1) return true;
  return definition.slice(1).some((allowed) => (allowed instanceof RegExp ? allowed.test(String(value)) : allowed === value));
}

/** The attributes allowed on `tag`, as contributors write them, for hints. */
export function allowedAttributes(tag: string): string[] {
  const names = [...(ATTRIBUTES[tag] ?? []), ...(ATTRIBUTES['*'] ?? [])].map((definition) =>
    typeof definition === 'string' ? definition : definition[0],
  );
  return [...new Set(names)];
}
