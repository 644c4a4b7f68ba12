/**
 * The security headers every page is served with, and the Content-Security-Policy they carry: the
 * one source for astro.config.mjs (the per-page `<meta>` CSP) and for the `_headers` file that the
 * build writes into the output (src/integration/headers-file.ts).
 *
 * Two policies apply to each page and a browser enforces both: the `<meta>` one, with the hashes of
 * that page's own scripts and styles, and the header, which is the union of every page's policy
 * plus what a `<meta>` policy cannot say (`frame-ancestors`). A hand-written copy of the hashes
 * would drift with every content change, so the header's policy is computed from the built pages.
 */

/** Directives every page starts from; Astro adds `script-src` and `style-src` with hashes. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** Directives browsers ignore in a `<meta>` policy: only the header can send them. */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];

/** Headers every response carries, besides the Content-Security-Policy. */
export const SECURITY_HEADERS: Record<string, string> = {
  // Two years, every subdomain, eligible for the browsers' preload lists (hstspreload.org).
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // The site uses none of these; a page can never ask for them.
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // For browsers without CSP frame-ancestors.
  'X-Frame-Options': 'DENY',
};

/** Headers a complete headers file must send on every page (tests check the file for them). */
export const REQUIRED_HEADERS = ['Content-Security-Policy', ...Object.keys(SECURITY_HEADERS)];

/** One rule of a Netlify/Cloudflare `_headers` file: a path pattern and its headers. */
export interface HeaderRule {
  path: string;
  headers: Record<string, string>;
}

/** A policy as directive name to its sources, in the order written. */
export type Policy = Map<string, string[]>;

export function parseCsp(policy: string): Policy {
  const parsed: Policy = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    // As browsers do: the first occurrence of a directive wins.
    if (!parsed.has(name.toLowerCase())) parsed.set(name.toLowerCase(), sources);
  }
  return parsed;
}

export function serializeCsp(policy: Policy): string {
  return [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The union of several policies: every source any of them allows, per directive, first seen first. */
export function mergeCsp(policies: string[]): Policy {
  const merged: Policy = new Map();
  for (const policy of policies) {
    for (const [name, sources] of parseCsp(policy)) {
      const known = merged.get(name) ?? [];
      merged.set(name, [...known, ...sources.filter((source) => !known.includes(source))]);
    }
  }
  return merged;
}

/** `'sha256-…'` of an inline script's or style's text, as CSP expects it. */
export async function cspHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `'sha256-${Buffer.from(digest).toString('base64')}'`;
}

/** The header policy of the whole site: the union of the pages' `<meta>` policies and the header-only directives. */
export function headerPolicy(pagePolicies: readonly string[]): string {
  return serializeCsp(mergeCsp([CSP_DIRECTIVES.join('; '), ...pagePolicies, ...HEADER_ONLY_DIRECTIVES]));
}

/** The rules of the site's headers file: security headers everywhere, long caching for hashed assets. */
export function headerRules(csp: string, basePath = '/'): HeaderRule[] {
  return [
    { path: `${basePath}*`, headers: { 'Content-Security-Policy': csp, ...SECURITY_HEADERS } },
    // File names under _astro/ carry a content hash: they never change.
    { path: `${basePath}_astro/*`, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
  ];
}

/** A `_headers` file in the format Netlify and Cloudflare Pages read. */
export function formatHeadersFile(rules: HeaderRule[], comment: string[] = []): string {
  const lines = comment.map((line) => `# ${line}`);
  for (const rule of rules) {
    if (lines.length > 0) lines.push('');
    lines.push(rule.path, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Cloudflare Pages skips a `_headers` line longer than this with no more than a warning in the
 * deploy log (https://developers.cloudflare.com/pages/configuration/headers/), so every page would
 * go out without that header: for the Content-Security-Policy, without its protection.
 */
export const MAX_HEADER_LINE = 2000;

/** The header lines of a headers file longer than `MAX_HEADER_LINE`, with their line number and header name. */
export function overlongHeaderLines(text: string): { line: number; name: string; length: number }[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      line.length > MAX_HEADER_LINE ? [{ line: index + 1, name: line.trim().split(':')[0]!, length: line.length }] : [],
    );
}

/** Reads a `_headers` file back: unindented lines are paths, indented `Name: value` lines headers. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const match = /^\s+([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    const rule = rules.at(-1);
    if (!match || !rule) throw new Error(`_headers line ${index + 1}: expected "Name: value" below a path, got "${line.trim()}"`);
    rule.headers[match[1]!] = match[2]!.trim();
  }
  return rules;
}

/**
 * The headers a host sends for a URL path under these rules. A `*` matches anything; when several
 * rules match, each adds its headers (Netlify and Cloudflare join repeated names; here the later
 * rule's value is appended the same way).
 */
export function headersFor(rules: HeaderRule[], urlPath: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    const pattern = new RegExp(
      `^${rule.path
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    if (!pattern.test(urlPath)) continue;
    for (const [name, value] of Object.entries(rule.headers)) out[name] = out[name] ? `${out[name]}, ${value}` : value;
  }
  return out;
}
