/**
 * The only place that accepts a URL written by a contributor: links and images in article bodies,
 * component props, `source.url`, author links and redirect targets all go through `refuseUrl`.
 *
 * Browsers forgive a lot in a URL: they drop tabs and line breaks anywhere (`java&#x09;script:`),
 * trim leading spaces and control characters, read `\` as `/` (so `/\evil.example` leaves the
 * site) and ignore the case of a scheme. Rather than normalise those away and hope to match every
 * browser, a URL that contains any of them is refused, and a scheme is accepted only from a short
 * list. Values arrive here decoded (the Markdown and YAML parsers have read their entities and
 * escapes), so an entity cannot hide a character from this check.
 */

/**
 * What the URL is for.
 * - `link`: something a reader follows (`href`, `cite`, `source.url`, author links): a path on this
 *   site, or an `https:`, `http:` or `mailto:` address.
 * - `media`: something the page loads (`src`, `poster`, captions): a file of this site only, since
 *   nothing may load from another site.
 * - `redirect`: where a moved address sends readers: a path on this site or an `https:`/`http:` address.
 */
export type UrlUse = 'link' | 'media' | 'redirect';

const SCHEMES: Record<UrlUse, readonly string[]> = {
  link: ['https', 'http', 'mailto'],
  media: [],
  redirect: ['https', 'http'],
};

/** Characters no URL written here needs and browsers treat specially: controls, whitespace, `\`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/u;

/**
 * The scheme of a URL as hast-util-sanitize and browsers find it: the text before a colon that
 * comes before any `/`, `?` or `#`. `undefined` for a path.
 */
export function schemeOf(value: string): string | undefined {
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const delimiter = value.search(/[/?#]/);
  return delimiter !== -1 && delimiter < colon ? undefined : value.slice(0, colon);
}

export interface UrlRefusal {
  message: string;
  hint: string;
}

/** Why `value` may not be used as a URL of this kind, or `undefined` when it may. */
export function refuseUrl(value: string, use: UrlUse): UrlRefusal | undefined {
  if (value === '') return { message: 'the address is empty', hint: 'write the address, or remove the link' };
  if (value.includes('&#')) {
    return {
      message: `"${preview(value)}" holds a character reference (&#…) that was not read as one`,
      hint: 'write the character itself, or percent-encode it (%3A for a colon)',
    };
  }
  const bad = FORBIDDEN.exec(value)?.[0];
  if (bad !== undefined) {
    return {
      message: `"${preview(value)}" contains ${describe(bad)}, which browsers treat specially in an address`,
      hint: bad === '\\' ? 'write / instead of \\' : 'remove it; write a space in a path as %20',
    };
  }
  const written = schemeOf(value);
  if (written !== undefined) {
    const scheme = written.toLowerCase();
    if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
      return {
        message: `"${preview(value)}" has a colon before its first /, so browsers would read "${preview(written)}:" as a scheme`,
        hint: 'for a file or page of this site, start the path with ./ or /',
      };
    }
    if (!SCHEMES[use].includes(scheme)) return refusedScheme(value, scheme, use);
    if (scheme === 'mailto') return undefined;
    if (!URL.canParse(value) || new URL(value).hostname === '') {
      return { message: `"${preview(value)}" is not a valid web address`, hint: 'write it as https://host/path' };
    }
    return undefined;
  }
  if (value.startsWith('//')) {
    return {
      message: `"${preview(value)}" leaves out the scheme`,
      hint: use === 'media' ? 'put the file in this site and use its path' : 'write the address with https://',
    };
  }
  return undefined;
}

const SCRIPT_SCHEMES = ['javascript', 'vbscript', 'data', 'blob', 'file', 'filesystem'];

function refusedScheme(value: string, scheme: string, use: UrlUse): UrlRefusal {
  if (SCRIPT_SCHEMES.includes(scheme)) {
    return {
      message: `"${preview(value)}" is a ${scheme}: URL, which can run script or stand in for a page, and is not allowed`,
      hint: use === 'media' ? 'put the file beside the article (or in public/) and use its path' : 'link to a page instead',
    };
  }
  if (use === 'media') {
    return {
      message: `"${preview(value)}" loads from another site, which articles may not do`,
      hint: 'put the file beside the article (or in public/) and use its path',
    };
  }
  return {
    message: `"${preview(value)}" is a "${scheme}:" address, which is not allowed here`,
    hint: `use a path on this site or an address starting with ${SCHEMES[use].map((s) => `${s}:`).join(', ')}`,
  };
}

function preview(value: string): string {
  // JSON.stringify shows control characters as escapes; the quotes it adds are dropped.
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value).slice(1, -1);
  return shown;
}

function describe(char: string): string {
  if (char === '\\') return 'a backslash';
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') return 'a line break';
  return `the invisible character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether a URL (already accepted) points at this site: a path rather than an address with a scheme. */
export function isSitePath(value: string): boolean {
  return schemeOf(value) === undefined && !value.startsWith('//');
}

/** An accepted URL with its scheme in lower case, the only form the sanitiser's allowlist matches. */
export function lowerScheme(value: string): string {
  const scheme = schemeOf(value);
  return scheme === undefined ? value : scheme.toLowerCase() + value.slice(scheme.length);
}
