/**
 * Deployment recipes, built with the settings each host needs and read back: a GitHub Pages project
 * sub-path, the files Netlify and Cloudflare Pages read, plain files for an S3-style bucket, and
 * the workflows that run the checks and the deploy.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { IN_PROGRESS, listFiles } from '../../src/lib/output-dir.ts';
import { cacheDirFor } from '../../src/integration/options.ts';
import { commandEnv, makeContent, ROOT, runBuild, TMP } from '../helpers.ts';

const ORIGIN = 'https://mobility-desk.github.io';
const BASE = '/mobility-desk/';
const CONTENT = join(TMP, 'deploy-content');
const DIST = join(TMP, 'deploy-dist');

let build: { status: number | null; output: string };
let files: string[];
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');

beforeAll(() => {
  makeContent(CONTENT);
  // The values actions/configure-pages gives a project site without a custom domain.
  build = runBuild(CONTENT, DIST, { SITE_URL: ORIGIN, BASE_PATH: BASE, DEPLOY_TARGET: 'github-pages' });
  files = build.status === 0 ? listFiles(DIST) : [];
});

describe('GitHub Pages under a project sub-path', () => {
  it('builds and passes its own link check with the base path', () => {
    expect(build.status, build.output).toBe(0);
    expect(build.output).toContain(`for ${ORIGIN}${BASE}`);
    expect(build.output).toContain('Link check passed.');
  });

  it("is checked against GitHub Pages' limit and says how much of it the output uses", () => {
    const bytes = files.reduce((sum, file) => sum + statSync(join(DIST, file)).size, 0);
    expect(build.output).toContain(`The output fits GitHub Pages: ${(bytes / 2 ** 20).toFixed(1)} MiB of 1.00 GiB.`);
  });

  it('puts the base path on every link, image and script a page loads', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    const offBase: string[] = [];
    for (const page of pages) {
      const { document } = parseHTML(read(page));
      for (const element of document.querySelectorAll('[href], [src], [srcset]')) {
        const urls = [
          element.getAttribute('href'),
          element.getAttribute('src'),
          ...(element.getAttribute('srcset') ?? '').split(',').map((s) => s.trim().split(/\s+/)[0]),
        ];
        for (const url of urls) {
          if (url && url.startsWith('/') && !url.startsWith(BASE)) offBase.push(`${page}: ${url}`);
        }
      }
    }
    expect(offBase).toEqual([]);
  });

  it('gives canonical URLs, feeds and the sitemap the full sub-path address', () => {
    const { document } = parseHTML(read('articles/alliance-innovation-lab-shanghai/index.html'));
    expect(document.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(
      `${ORIGIN}${BASE}articles/alliance-innovation-lab-shanghai/`,
    );
    const parser = new XMLParser({ isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });
    const items = parser.parse(read('rss.xml')).rss.channel.item as { link: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.link.startsWith(`${ORIGIN}${BASE}articles/`)).toBe(true);
    const sitemaps = parser.parse(read('sitemap-index.xml')).sitemapindex.sitemap as { loc: string }[];
    expect(sitemaps.length).toBeGreaterThan(0);
    for (const sitemap of sitemaps) {
      expect(sitemap.loc.startsWith(`${ORIGIN}${BASE}`)).toBe(true);
      const urls = parser.parse(read(sitemap.loc.slice(`${ORIGIN}${BASE}`.length))).urlset.url as { loc: string }[];
      expect(urls.length).toBeGreaterThan(10);
      for (const url of urls) expect(url.loc.startsWith(`${ORIGIN}${BASE}`)).toBe(true);
    }
  });
});

describe('Netlify and Cloudflare Pages', () => {
  it('find _redirects at the root of the output, with the base path on both sides', () => {
    const rules = read('_redirects')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/\s+/));
    expect(rules.length).toBeGreaterThan(0);
    for (const [from, to, status] of rules) {
      expect(from!.startsWith(BASE)).toBe(true);
      expect(to!.startsWith(BASE) || /^https?:\/\//.test(to!)).toBe(true);
      expect(status).toBe('301');
    }
  });

  it('find 404.html at the root of the output', () => {
    expect(files).toContain('404.html');
  });
});

describe('an S3-style bucket behind a CDN', () => {
  it('needs no rewriting beyond index.html: every page is <path>/index.html and every page link ends in /', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.filter((f) => f !== '404.html' && !f.endsWith('/index.html') && f !== 'index.html')).toEqual([]);
    const { document } = parseHTML(read('index.html'));
    const pageLinks = [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')!.split('#')[0]!);
    expect(pageLinks.length).toBeGreaterThan(5);
    for (const href of pageLinks) expect(href.endsWith('/') || /\.[a-z0-9]+$/i.test(href)).toBe(true);
  });
});

describe('the GitHub workflows', () => {
  const dir = join(ROOT, '.github/workflows');
  const workflows = Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      { text: readFileSync(join(dir, name), 'utf8'), yaml: parseYaml(readFileSync(join(dir, name), 'utf8')) },
    ]),
  );
  const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>);
  const steps = (name: string) =>
    Object.values(
      workflows[name]!.yaml.jobs as Record<
        string,
        { steps: { run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] }
      >,
    ).flatMap((job) => job.steps);

  it('only run npm scripts that exist', () => {
    const used = Object.values(workflows).flatMap(({ text }) => [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('check pull requests with a read-only token, no secrets, and every check', () => {
    const ci = workflows['ci.yml']!;
    expect(Object.keys(ci.yaml.on)).toContain('pull_request');
    expect(Object.keys(ci.yaml.on)).not.toContain('pull_request_target');
    expect(ci.yaml.permissions).toEqual({ contents: 'read' });
    expect(ci.text).not.toMatch(/\$\{\{[^}]*secrets\./);
    const runs = steps('ci.yml').map((step) => step.run);
    for (const command of ['npm ci', 'npm run check:content', 'npm run check:types', 'npm run lint', 'npm test', 'npm run build']) {
      expect(runs).toContain(command);
    }
  });

  it('deploy main to GitHub Pages with the sub-path Pages reports, and rebuild daily for scheduled articles', () => {
    const deploy = workflows['deploy.yml']!;
    expect(deploy.yaml.on.push.branches).toEqual(['main']);
    expect(deploy.yaml.on.schedule).toHaveLength(1);
    const build = steps('deploy.yml').find((step) => step.run === 'npm run build')!;
    expect(build.env).toEqual({
      SITE_URL: '${{ steps.pages.outputs.origin }}',
      BASE_PATH: '${{ steps.pages.outputs.base_path }}',
      DEPLOY_TARGET: 'github-pages',
    });
    const uses = steps('deploy.yml').map((step) => step.uses ?? step.run);
    expect(uses.indexOf('npm test')).toBeLessThan(uses.indexOf('npm run build'));
    // A folder a killed build left is never uploaded.
    const refuse = uses.indexOf(`test ! -e dist/${IN_PROGRESS}`);
    expect(refuse).toBeGreaterThan(uses.indexOf('npm run build'));
    expect(refuse).toBeLessThan(uses.indexOf('actions/upload-pages-artifact@v3'));
    expect(deploy.yaml.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('deploy warm: the build cache and output folder of the last deploy are restored after npm ci', () => {
    const list = steps('deploy.yml');
    const at = (match: (step: (typeof list)[number]) => boolean) => list.findIndex(match);
    const cache = list[at((step) => String(step.uses).startsWith('actions/cache@'))]!;
    expect(at((step) => step.run === 'npm ci')).toBeLessThan(at((step) => step === cache));
    expect(at((step) => step === cache)).toBeLessThan(at((step) => step.run === 'npm run build'));
    expect(cache.with!.path!.split('\n').filter(Boolean)).toEqual(['${{ steps.build-cache.outputs.dir }}', 'dist']);
    // A new lockfile or site configuration must start cold.
    for (const file of ['package-lock.json', 'astro.config.mjs', 'src/site.config.ts']) {
      expect(cache.with!.key).toContain(`'${file}'`);
      expect(cache.with!['restore-keys']).toContain(`'${file}'`);
    }
    const printed = spawnSync(process.execPath, ['scripts/cache-dir.ts'], { cwd: ROOT, encoding: 'utf8', env: commandEnv() });
    expect(printed.stdout.trim()).toBe(cacheDirFor(join(ROOT, 'content'), ROOT));
  });

  it('check external links on a schedule, apart from the deploy', () => {
    const external = workflows['external-links.yml']!;
    expect(external.yaml.on.schedule).toHaveLength(1);
    expect(external.text).toContain('npm run check:links -- --external');
    expect(workflows['deploy.yml']!.text).not.toContain('--external');
  });
});
