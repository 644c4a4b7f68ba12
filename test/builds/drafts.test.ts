/**
 * A preview build (`SHOW_DRAFTS=1 npm run build`) shows drafts and scheduled articles, clearly
 * marked, and is kept out of search engines. The production side (absent everywhere) is in
 * test/site/site.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/lib/output-dir.ts';
import { makeContent, runBuild, SCHEDULED_AT, SITE_FIXTURES, SITE_URL, TMP } from '../helpers.ts';

const OUT = join(TMP, 'preview-dist');
const read = (file: string) => readFileSync(join(OUT, file), 'utf8');
const doc = (file: string) => parseHTML(read(file)).document;
let output = '';

beforeAll(() => {
  const content = makeContent(join(TMP, 'preview-content'), SITE_FIXTURES);
  // Quick preview builds skip the social cards: this one checks that switch too.
  const result = runBuild(content, OUT, { SHOW_DRAFTS: '1', SOCIAL_IMAGES: '0' });
  output = result.output;
  if (result.status !== 0) throw new Error(`The preview build failed:\n${output}`);
});

describe('a preview build with SHOW_DRAFTS=1', () => {
  it('has a page for the draft, marked as a draft', () => {
    const d = doc('articles/draft-fixture/index.html');
    expect(d.querySelector('h1')!.textContent).toBe('Draft fixture that must never be published');
    expect(d.querySelector('.status-banner')!.textContent).toMatch(/^Draft: not published\. This page appears only in previews\./);
  });

  it('has a page for the scheduled article, marked with the day it goes live', () => {
    const banner = doc('articles/scheduled-fixture/index.html').querySelector('.status-banner')!;
    const day = SCHEDULED_AT.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(banner.textContent).toContain(`Scheduled: goes live on ${day}.`);
    expect(banner.querySelector('time')!.getAttribute('datetime')).toBe(SCHEDULED_AT.toISOString());
  });

  it('lists them with a badge, and marks no published article', () => {
    const items = [...doc('archive/index.html').querySelectorAll('.story-list li')];
    const badge = (slug: string) =>
      items.find((li) => li.querySelector('a.story-link')!.getAttribute('href') === `/articles/${slug}/`)?.querySelector('.status-badge')
        ?.textContent;
    expect(badge('draft-fixture')).toBe('Draft');
    expect(badge('scheduled-fixture')).toBe('Scheduled');
    expect(badge('alliance-innovation-lab-shanghai')).toBeUndefined();
  });

  it('asks search engines to stay away from every page', () => {
    const pages = listFiles(OUT).filter((file) => file.endsWith('.html'));
    expect(pages).toEqual(
      expect.arrayContaining([
        'index.html',
        '404.html',
        'archive/index.html',
        'articles/draft-fixture/index.html',
        'articles/alliance-innovation-lab-shanghai/index.html',
      ]),
    );
    for (const file of pages) {
      expect(doc(file).querySelector('meta[name="robots"]')?.getAttribute('content'), file).toBe('noindex');
    }
    expect(read('robots.txt')).toMatch(/^User-agent: \*\nDisallow: \/\n/);
  });

  it('includes them in the feed, since the whole preview is for reviewers', () => {
    const feed = new XMLParser().parse(read('rss.xml'));
    const links = feed.rss.channel.item.map((item: { link: string }) => item.link);
    expect(links).toContain(`${SITE_URL}/articles/draft-fixture/`);
    expect(links).toContain(`${SITE_URL}/articles/scheduled-fixture/`);
  });

  it('draws no social cards with SOCIAL_IMAGES=0, and shares no image for articles without a hero', () => {
    expect(existsSync(join(OUT, 'og'))).toBe(false);
    expect(doc('articles/china-largest-market-2018/index.html').querySelector('meta[property="og:image"]')).toBeNull();
    expect(doc('articles/alliance-innovation-lab-shanghai/index.html').querySelector('meta[property="og:image"]')).not.toBeNull();
  });

  it('says it must not be deployed', () => {
    expect(output).toContain('This is a preview with drafts and scheduled articles');
  });
});
