import { describe, expect, it } from 'vitest';
import { DEPLOY_TARGETS, HOST_LIMITS, hostLimitProblems, hostLimitUse } from '../../src/integration/host-limits.ts';
import { resolveOptions } from '../../src/integration/options.ts';
import { siteOptions } from '../../src/site.config.ts';

const MiB = 2 ** 20;
const files = (count: number, folder = 'articles', size = 1000) =>
  Array.from({ length: count }, (_file, n) => ({ path: `${folder}/page-${n}/index.html`, size }));

describe('hostLimitProblems', () => {
  it('passes the output of a small site on every host', () => {
    for (const target of DEPLOY_TARGETS) expect(hostLimitProblems(target, files(3000)), target).toEqual([]);
  });

  it('counts the files of the whole site against Cloudflare Pages: 20,000 free, 100,000 paid', () => {
    expect(hostLimitProblems('cloudflare-pages-free', files(20_000))).toEqual([]);
    expect(hostLimitProblems('cloudflare-pages-free', files(27_478))).toEqual([
      '27,478 files, over the 20,000 Cloudflare Pages (Free plan) accepts',
    ]);
    expect(hostLimitProblems('cloudflare-pages-paid', files(27_478))).toEqual([]);
    expect(hostLimitProblems('cloudflare-pages-paid', files(100_001))).toHaveLength(1);
  });

  it('names every file over the size a host accepts for one file', () => {
    const output = [...files(10), { path: 'media/film.mp4', size: 30 * MiB }, { path: 'media/clip.mp4', size: 25 * MiB + 1 }];
    expect(hostLimitProblems('cloudflare-pages-free', output)).toEqual([
      'media/clip.mp4 is 25.0 MiB, over the 25.0 MiB per file Cloudflare Pages (Free plan) accepts',
      'media/film.mp4 is 30.0 MiB, over the 25.0 MiB per file Cloudflare Pages (Free plan) accepts',
    ]);
  });

  it('counts the files in each folder for Netlify, not the whole site', () => {
    const wide = Array.from({ length: 54_001 }, (_file, n) => ({ path: `pagefind/fragment/f${n}.pf_fragment`, size: 100 }));
    expect(hostLimitProblems('netlify', [...files(60_000).map((file, n) => ({ ...file, path: `a${n % 2}/${n}.html` }))])).toEqual([]);
    expect(hostLimitProblems('netlify', wide)).toEqual(['54,001 files in pagefind/fragment/, over the 54,000 per folder Netlify accepts']);
  });

  it('adds up the bytes of the whole site for GitHub Pages', () => {
    expect(hostLimitProblems('github-pages', files(1000, 'a', MiB))).toEqual([]);
    expect(hostLimitProblems('github-pages', files(1100, 'a', MiB))).toEqual(['1.07 GiB in all, over the 1.00 GiB GitHub Pages accepts']);
  });

  it('says how much of the limits an output that fits uses', () => {
    expect(hostLimitUse('cloudflare-pages-free', files(3083))).toBe('The output fits Cloudflare Pages (Free plan): 3,083 of 20,000 files.');
    expect(hostLimitUse('netlify', files(3))).toBe('The output fits Netlify.');
    expect(HOST_LIMITS.s3.fileBytes).toBe(5 * 2 ** 30);
  });
});

describe('the deployTarget option', () => {
  it('is read from DEPLOY_TARGET, and unset by default', () => {
    expect(resolveOptions(siteOptions({}), '/project').deployTarget).toBeUndefined();
    expect(resolveOptions(siteOptions({ DEPLOY_TARGET: 'netlify' }), '/project').deployTarget).toBe('netlify');
  });

  it('refuses a host it does not know, naming the option, the value and the hosts it knows', () => {
    for (const value of ['vercel', 'GitHub Pages', 'netlify\nx', '../s3']) {
      let message = '';
      try {
        resolveOptions(siteOptions({ DEPLOY_TARGET: value }), '/project');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('deployTarget: Invalid option: expected one of "github-pages"|"cloudflare-pages-free"');
      expect(message).toContain(`(got ${JSON.stringify(value)})`);
    }
  });
});
