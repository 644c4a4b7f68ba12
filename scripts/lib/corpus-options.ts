/**
 * The options that choose a benchmark's corpus, shared by `npm run bench`, `bench:starter` and
 * `bench:deploy` so that the same flags give the same articles to each.
 */
import type { ParseArgsConfig } from 'node:util';

export const CORPUS_OPTIONS = {
  articles: { type: 'string', default: '1000' },
  seed: { type: 'string', default: '1' },
  /** Share of articles with a hero image; 0 for text-only articles. */
  'image-share': { type: 'string', default: '0.03' },
} as const satisfies ParseArgsConfig['options'];

export interface CorpusChoice {
  articles: number;
  seed: number;
  imageShare: number;
}

/** The corpus the flags ask for, or a message naming the flag that is wrong. */
export function corpusChoice(
  values: { articles: string; seed: string; 'image-share': string },
  { allowNone = false } = {},
): CorpusChoice | string {
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < (allowNone ? 0 : 1)) {
    return `--articles must be a ${allowNone ? 'whole' : 'positive whole'} number, got "${values.articles}"`;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) return `--seed must be a whole number, got "${values.seed}"`;
  const imageShare = Number(values['image-share']);
  if (values['image-share'].trim() === '' || !(imageShare >= 0 && imageShare <= 1)) {
    return `--image-share must be a number from 0 to 1 (the share of articles with a hero image), got "${values['image-share']}"`;
  }
  return { articles, seed, imageShare };
}
