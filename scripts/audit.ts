/**
 * `npm run audit`: Lighthouse (mobile preset, simulated throttling) on the front page, an article
 * without and one with a hero image, and the search page, in the same Chromium as the browser tests. It builds the site into
 * test-results/audit-dist/ for the address it serves it at (so canonical URLs point at the page
 * being audited), serves it with the site's headers and compressed as a CDN would, prints the four
 * category scores with LCP, CLS and TBT, and writes the HTML and JSON reports to
 * test-results/lighthouse/. A report, not a test: scores move with the machine's load, so it never
 * fails on them.
 *
 *   node scripts/audit.ts [--port 4323] [--no-build] [extra/path/ …]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath, CHROMIUM_FLAGS } from './lib/browser.ts';
import { listFiles } from '../src/lib/output-dir.ts';
import { astroSync } from './lib/astro.ts';
import { startServer } from './lib/static-server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '4323' }, 'no-build': { type: 'boolean', default: false } },
});
const port = Number(values.port);
const host = '127.0.0.1';
const origin = `http://${host}:${port}`;
const outDir = join('test-results', 'audit-dist');
const reports = join('test-results', 'lighthouse');

if (!values['no-build']) {
  console.log(`Building the site for ${origin} into ${outDir}/ …`);
  // Social cards are drawn: the front page and the lists show them, small, beside stories without a hero image.
  const build = astroSync(['build', '--outDir', outDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SITE_URL: origin, BASE_PATH: '/' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Hosts and CDNs send text compressed: give the server the compressed copies to send.
  for (const file of listFiles(outDir).filter((name) => /\.(html|css|js|mjs|json|xml|svg|txt)$/.test(name))) {
    const bytes = readFileSync(join(outDir, file));
    writeFileSync(join(outDir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(join(outDir, `${file}.br`), brotliCompressSync(bytes));
  }
}

// An article the front page links to without a hero image and one with a hero image, whose
// image is then the largest contentful paint.
const articles = [...readFileSync(join(outDir, 'index.html'), 'utf8').matchAll(/<a [^>]*href="(\/articles\/[^"]+\/)"/g)].map((m) => m[1]!);
if (articles.length === 0) throw new Error('No article link on the home page.');
const hasHero = (path: string) => readFileSync(join(outDir, path, 'index.html'), 'utf8').includes('<figure class="hero"');
const withHero = articles.find(hasHero);
const withoutHero = articles.find((path) => !hasHero(path));
const pages: [string, string][] = [
  ['home', '/'],
  ...[withoutHero, withHero].filter((path) => path !== undefined).map((path): [string, string] => ['article', path]),
  ['search', '/search/'],
  // Lighthouse refuses a page answered with 404: audit the not-found page as /404.html.
  ...positionals.map((path): [string, string] => ['page', path.startsWith('/') ? path : `/${path}`]),
];

mkdirSync(reports, { recursive: true });
const server = await startServer(outDir, { port, host, precompressed: true });
const chrome = await chromeLauncher.launch({ chromePath: await chromiumPath(), chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS] });
const rows: Record<string, string | number>[] = [];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
try {
  for (const [name, path] of pages) {
    // Mobile form factor and simulated throttling are Lighthouse's defaults.
    const result = await lighthouse(origin + path, { port: chrome.port, output: ['html', 'json'], logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { lhr } = result;
    const [html, json] = result.report as string[];
    const file = (name === 'page' ? path : name).replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'page';
    writeFileSync(join(reports, `${file}.report.html`), html!);
    writeFileSync(join(reports, `${file}.report.json`), json!);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    if (lhr.runtimeError) console.error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    rows.push({
      page: `${name} ${path}`,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best practices': score('best-practices'),
      SEO: score('seo'),
      'LCP (s)': Number((metric('largest-contentful-paint') / 1000).toFixed(2)),
      CLS: Number(metric('cumulative-layout-shift').toFixed(3)),
      'TBT (ms)': Math.round(metric('total-blocking-time')),
    });
    // Every audit that cost points in the four categories, so a score under 100 says why.
    const lost = CATEGORIES.map((id) => lhr.categories[id]!).flatMap((category) =>
      category.auditRefs
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${category.id}: ${ref.id} (${lhr.audits[ref.id]!.title})`),
    );
    if (lost.length > 0) console.log(`${path} lost points on:\n  ${lost.join('\n  ')}`);
  }
} finally {
  chrome.kill();
  await server.close();
}
console.table(rows);
console.log(`Reports: ${reports}/ (open the .report.html files in a browser). Goal: 100 in every category, LCP under 1.2 s.`);
process.exit(0);
