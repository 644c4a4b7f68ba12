/**
 * The Content-Security-Policy and the headers file of the built site: every inline script and
 * style of every page is allowed by hash, in the page's <meta> policy and in the header, and
 * nothing is allowed by 'unsafe-inline'. The browser tests (test/e2e/) see the same in Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/lib/output-dir.ts';
import { cspHash, parseCsp, parseHeadersFile, REQUIRED_HEADERS } from '../../src/lib/security-headers.ts';
import { SITE_DIST } from '../helpers.ts';

const pages = listFiles(SITE_DIST).filter((file) => file.endsWith('.html'));
const rules = parseHeadersFile(readFileSync(join(SITE_DIST, '_headers'), 'utf8'));
const everyPath = rules.find((rule) => rule.path === '/*')!;
const header = parseCsp(everyPath.headers['Content-Security-Policy']!);

describe('the _headers file', () => {
  it('sends every security header on every path', () => {
    expect(Object.keys(everyPath.headers)).toEqual(expect.arrayContaining(REQUIRED_HEADERS));
    expect(REQUIRED_HEADERS).toEqual(
      expect.arrayContaining([
        'Content-Security-Policy',
        'Strict-Transport-Security',
        'X-Content-Type-Options',
        'Referrer-Policy',
        'Permissions-Policy',
        'Cross-Origin-Opener-Policy',
      ]),
    );
  });

  it('forbids framing, and asks for HTTPS for two years, subdomains and preload', () => {
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    const hsts = everyPath.headers['Strict-Transport-Security']!.split(/;\s*/);
    expect(Number(hsts.find((part) => part.startsWith('max-age='))!.slice(8))).toBeGreaterThanOrEqual(2 * 365 * 24 * 3600);
    expect(hsts).toEqual(expect.arrayContaining(['includeSubDomains', 'preload']));
    expect(everyPath.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(everyPath.headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('never allows inline code or styles wholesale', () => {
    for (const directive of ['default-src', 'script-src', 'style-src']) {
      expect(header.get(directive) ?? []).not.toContain("'unsafe-inline'");
      expect(header.get(directive) ?? []).not.toContain("'unsafe-eval'");
    }
    expect(header.get('object-src')).toEqual(["'none'"]);
  });
});

describe.each(pages)('%s', (file) => {
  const { document } = parseHTML(readFileSync(join(SITE_DIST, file), 'utf8'));
  const meta = parseCsp(document.querySelector('meta[http-equiv="content-security-policy"]')!.getAttribute('content')!);
  // JSON-LD is data, not code: CSP does not apply to it.
  const scripts = [...document.querySelectorAll('script:not([src])')].filter((s) => s.getAttribute('type') !== 'application/ld+json');
  const styles = [...document.querySelectorAll('style')];

  it('allows each inline script and style by hash, in its <meta> policy and the header', async () => {
    for (const script of scripts) {
      const hash = await cspHash(script.textContent!);
      expect(meta.get('script-src')).toContain(hash);
      expect(header.get('script-src')).toContain(hash);
    }
    for (const style of styles) {
      const hash = await cspHash(style.textContent!);
      expect(meta.get('style-src')).toContain(hash);
      expect(header.get('style-src')).toContain(hash);
    }
    expect(styles.length).toBeGreaterThan(0);
  });

  it("has no 'unsafe-inline', no style attributes and no event handler attributes", () => {
    expect([...meta.values()].flat()).not.toContain("'unsafe-inline'");
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
    const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    // A <meta> policy cannot carry frame-ancestors (browsers ignore it and log an error).
    expect(meta.has('frame-ancestors')).toBe(false);
  });
});
