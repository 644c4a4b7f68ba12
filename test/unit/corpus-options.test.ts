import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import { corpusChoice } from '../../scripts/lib/corpus-options.ts';

const flags = (overrides: Partial<Record<'articles' | 'seed' | 'image-share', string>> = {}) => ({
  articles: '1000',
  seed: '1',
  'image-share': '0.03',
  ...overrides,
});

describe('corpusChoice', () => {
  it('reads the defaults and a text-only corpus', () => {
    expect(corpusChoice(flags())).toEqual({ articles: 1000, seed: 1, imageShare: 0.03 });
    expect(corpusChoice(flags({ 'image-share': '0', articles: '20' }))).toEqual({ articles: 20, seed: 1, imageShare: 0 });
    expect(corpusChoice(flags({ articles: '0' }), { allowNone: true })).toEqual({ articles: 0, seed: 1, imageShare: 0.03 });
  });

  it.each([
    [{ 'image-share': 'abc' }, /--image-share must be a number from 0 to 1.*"abc"/],
    [{ 'image-share': '' }, /--image-share/],
    [{ 'image-share': ' ' }, /--image-share/],
    [{ 'image-share': '-0.1' }, /--image-share/],
    [{ 'image-share': '1.5' }, /--image-share/],
    [{ 'image-share': 'NaN' }, /--image-share/],
    [{ 'image-share': 'Infinity' }, /--image-share/],
    [{ articles: '0' }, /--articles must be a positive whole number, got "0"/],
    [{ articles: '1.5' }, /--articles/],
    [{ articles: '1e3x' }, /--articles/],
    [{ seed: 'x' }, /--seed must be a whole number, got "x"/],
  ])('refuses %o, naming the flag', (overrides, message) => {
    expect(corpusChoice(flags(overrides))).toMatch(message);
  });

  it('gives text-only articles for an image share of 0, and heroes for 1', () => {
    const images = (share: number) => generateCorpus({ articles: 50, seed: 3, imageShare: share }).articles.filter((a) => a.image).length;
    expect(images(0)).toBe(0);
    expect(images(1)).toBe(50);
  });
});
