import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import type { ArticleLike } from '../../src/lib/articles.ts';
import { frontPage } from '../../src/lib/front-page.ts';
import { storyImageSource } from '../../src/lib/story-images.ts';
import { makePaths } from '../../src/lib/urls.ts';

type Story = ArticleLike & { data: { image?: { src: string } } };

/** An article of `day` (March 2019) in `topics`, the first its section; `image` gives it a hero. */
function story(id: string, day: number, topics: string[], image = false): Story {
  return {
    id,
    data: {
      published: new Date(Date.UTC(2019, 2, day)),
      draft: false,
      topics: topics.map((topic) => ({ id: topic })),
      authors: [{ id: 'ed' }],
      ...(image ? { image: { src: `${id}.jpg` } } : {}),
    },
  };
}

const ids = (stories: readonly Story[]) => stories.map((s) => s.id);
const options = { top: 4, perSection: 2, maxSections: 2 };

describe('the front page', () => {
  it('leads with the newest of the top stories that has a picture, the others following in date order', () => {
    const newestFirst = [
      story('e', 9, ['ev']),
      story('d', 8, ['ev'], true),
      story('c', 7, ['ev'], true),
      story('b', 6, ['ev']),
      story('a', 5, ['ev'], true),
    ];
    const page = frontPage(newestFirst, options);
    expect(page.lead?.id).toBe('d');
    expect(ids(page.second)).toEqual(['e', 'c', 'b']);
  });

  it('leads with the newest story when none of the top stories has a picture, even if an older one has', () => {
    const newestFirst = [
      story('e', 9, ['ev']),
      story('d', 8, ['ev']),
      story('c', 7, ['ev']),
      story('b', 6, ['ev']),
      story('a', 5, ['ev'], true),
    ];
    const page = frontPage(newestFirst, options);
    expect(page.lead?.id).toBe('e');
    expect(ids(page.second)).toEqual(['d', 'c', 'b']);
  });

  it("puts every later story in its first topic's section, once, and orders sections by their newest story", () => {
    const newestFirst = [
      story('top1', 20, ['ev']),
      story('top2', 19, ['china']),
      story('top3', 18, ['ev']),
      story('top4', 17, ['ev']),
      story('c1', 16, ['china', 'ev']),
      story('e1', 15, ['ev', 'china']),
      story('c2', 14, ['china']),
      story('e2', 13, ['ev']),
      story('c3', 12, ['china']),
    ];
    const page = frontPage(newestFirst, options);
    expect(page.sections.map((s) => [s.topic, ids(s.articles)])).toEqual([
      ['china', ['c1', 'c2']],
      ['ev', ['e1', 'e2']],
    ]);
    const shown = [page.lead!, ...page.second, ...page.sections.flatMap((s) => s.articles)];
    expect(new Set(ids(shown)).size).toBe(shown.length);
  });

  it('shows at most maxSections sections, those with the newest stories, whatever the number of topics', () => {
    const newestFirst = [
      ...['t1', 't2', 't3', 't4'].map((id, i) => story(id, 30 - i, ['ev'])),
      story('x', 20, ['batteries']),
      story('y', 19, ['policy']),
      story('z', 18, ['safety']),
      story('w', 17, ['batteries']),
    ];
    expect(frontPage(newestFirst, options).sections.map((s) => [s.topic, ids(s.articles)])).toEqual([
      ['batteries', ['x', 'w']],
      ['policy', ['y']],
    ]);
  });

  it('stays bounded on a large archive', () => {
    const corpus = generateCorpus({ articles: 2000, seed: 3, now: new Date('2026-11-25T00:00:00Z') });
    const newestFirst = corpus.articles
      .filter((a) => a.status === 'published')
      .sort((a, b) => b.published.getTime() - a.published.getTime())
      .map((a) => story(a.slug, 1, a.topics, a.image));
    const page = frontPage(newestFirst, { top: 4, perSection: 4, maxSections: 6 });
    expect(page.second).toHaveLength(3);
    expect(page.sections).toHaveLength(6);
    for (const section of page.sections) expect(section.articles).toHaveLength(4);
  });

  it('shows nothing, and no error, before anything is published', () => {
    expect(frontPage([], options)).toEqual({ lead: undefined, second: [], sections: [] });
  });
});

describe("a story's picture", () => {
  const paths = makePaths('/news');
  const context = { ownCard: false, socialImages: true, paths };

  it('is its hero image when it has one', () => {
    expect(storyImageSource(story('lab', 1, ['china'], true), { ...context, ownCard: true })).toEqual({ kind: 'hero', src: 'lab.jpg' });
  });

  it('is its own card, small and full size, when it has one', () => {
    expect(storyImageSource(story('plan', 1, ['ev', 'china']), { ...context, ownCard: true })).toEqual({
      kind: 'card',
      small: '/news/og/small/plan.webp',
      large: '/news/og/plan.png',
    });
  });

  it("is its first topic's card when it is older than the articles that get their own", () => {
    expect(storyImageSource(story('plan', 1, ['ev', 'china']), context)).toEqual({
      kind: 'card',
      small: '/news/og/topics/small/ev.webp',
      large: '/news/og/topics/ev.png',
    });
  });

  it('is none when the site draws no cards and the story has no hero', () => {
    expect(storyImageSource(story('plan', 1, ['ev']), { ...context, ownCard: true, socialImages: false })).toBeUndefined();
    expect(storyImageSource(story('lab', 1, ['ev'], true), { ...context, socialImages: false })?.kind).toBe('hero');
  });
});
