import { describe, expect, it } from 'vitest';
import {
  cspHash,
  formatHeadersFile,
  MAX_HEADER_LINE,
  overlongHeaderLines,
  headerPolicy,
  headerRules,
  headersFor,
  mergeCsp,
  parseCsp,
  parseHeadersFile,
  REQUIRED_HEADERS,
  serializeCsp,
} from '../../src/lib/security-headers.ts';

describe('CSP policies', () => {
  it('parse into directives and serialise back', () => {
    const policy = "default-src 'self'; script-src 'self' 'sha256-abc='; img-src 'self' data:";
    expect([...parseCsp(policy).keys()]).toEqual(['default-src', 'script-src', 'img-src']);
    expect(serializeCsp(parseCsp(policy))).toBe(policy);
  });

  it('keep the first of a repeated directive, as browsers do', () => {
    expect(parseCsp("script-src 'none'; script-src 'self'").get('script-src')).toEqual(["'none'"]);
  });

  it('merge into the union of their sources, without repeats', () => {
    const merged = mergeCsp(["script-src 'self' 'sha256-a='", "script-src 'self' 'sha256-b='; style-src 'self'"]);
    expect(serializeCsp(merged)).toBe("script-src 'self' 'sha256-a=' 'sha256-b='; style-src 'self'");
  });

  it("make the site's header policy: the pages' hashes and frame-ancestors", () => {
    const csp = parseCsp(headerPolicy(["style-src 'self' 'sha256-page='", "style-src 'self' 'sha256-other='"]));
    expect(csp.get('style-src')).toEqual(["'self'", "'sha256-page='", "'sha256-other='"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('hash text the way browsers do', async () => {
    // The CSP hash of the empty string, as Chromium reports it.
    expect(await cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});

describe('the _headers file', () => {
  const rules = headerRules("default-src 'self'", '/news/');

  it('sends every required header on every path under the base', () => {
    const required = [
      'Content-Security-Policy',
      'Strict-Transport-Security',
      'X-Content-Type-Options',
      'Referrer-Policy',
      'Permissions-Policy',
      'Cross-Origin-Opener-Policy',
      'X-Frame-Options',
    ];
    expect(REQUIRED_HEADERS).toEqual(required);
    expect(rules[0]!.path).toBe('/news/*');
    expect(Object.keys(rules[0]!.headers)).toEqual(required);
    expect(rules[0]!.headers['Content-Security-Policy']).toBe("default-src 'self'");
    for (const path of ['/news/', '/news/articles/x/', '/news/_astro/a.css', '/news/rss.xml']) {
      expect(Object.keys(headersFor(rules, path)), path).toEqual(expect.arrayContaining(required));
    }
  });

  it('finds a header line too long for Cloudflare Pages, which would drop it without an error', () => {
    const hashes = Array.from({ length: 40 }, (_, i) => `'sha256-${String(i).padStart(44, 'x')}='`).join(' ');
    const text = formatHeadersFile(headerRules(headerPolicy([`script-src 'self' ${hashes}`])), ['generated']);
    const [overlong] = overlongHeaderLines(text);
    expect(overlong).toMatchObject({ line: 4, name: 'Content-Security-Policy' });
    expect(overlong!.length).toBeGreaterThan(MAX_HEADER_LINE);
    expect(overlongHeaderLines(formatHeadersFile(headerRules(headerPolicy([])), ['generated']))).toEqual([]);
  });

  it('reads back what it writes, comments ignored', () => {
    const text = formatHeadersFile(rules, ['generated']);
    expect(text.startsWith('# generated\n\n/news/*\n  Content-Security-Policy: ')).toBe(true);
    expect(parseHeadersFile(text)).toEqual(rules);
  });

  it('refuses a header line outside a rule, with its line number', () => {
    expect(() => parseHeadersFile('# x\n  X-Test: 1\n')).toThrow(/^_headers line 2: /);
  });

  it('gives a path the headers of every rule that matches it', () => {
    expect(headersFor(rules, '/news/_astro/a.css')['Cache-Control']).toMatch(/immutable/);
    expect(headersFor(rules, '/news/about/')['Cache-Control']).toBeUndefined();
    expect(headersFor(rules, '/news/about/')['X-Content-Type-Options']).toBe('nosniff');
    expect(headersFor(rules, '/elsewhere/')).toEqual({});
  });
});
