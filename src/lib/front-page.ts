/**
 * What the front page shows, chosen from the newest-first list of public articles. The page is
 * bounded: however large the archive, it shows at most `top + maxSections × perSection` stories
 * and links to the archive for the rest. Pure, so it is unit-tested without a build.
 */
import type { ArticleLike } from './articles.ts';

export interface FrontPageOptions {
  /** The top stories: the lead and the second tier, taken from this many of the newest articles. */
  top: number;
  /** Stories in each topic section. */
  perSection: number;
  /** Topic sections at most; those with the most recent stories are shown. */
  maxSections: number;
}

export const FRONT_PAGE_SECTIONS = { perSection: 4, maxSections: 6 } as const;

export interface FrontPage<T> {
  /** The lead story, or none when nothing is published yet. */
  lead: T | undefined;
  /** The rest of the top stories, newest first. */
  second: T[];
  /** Sections by topic, the one with the most recent story first. */
  sections: { topic: string; articles: T[] }[];
}

type WithImage = ArticleLike & { data: { image?: unknown } };

/**
 * The top stories are the newest `top` articles. The newest of them with a hero image leads (a
 * front page leads with a picture when it has one), or else the newest; the others form the second
 * tier in date order. Every later story belongs to the section of its first topic, the one its page
 * names as its section, so each story appears once on the page. A section lists its topic's newest
 * `perSection` stories.
 */
export function frontPage<T extends WithImage>(newestFirst: readonly T[], options: FrontPageOptions): FrontPage<T> {
  const top = newestFirst.slice(0, options.top);
  const lead = top.find((article) => article.data.image) ?? top[0];
  const second = top.filter((article) => article !== lead);

  const sections = new Map<string, T[]>();
  // Sections are created in the order of their newest story, which is the order they are shown in.
  // The loop stops once the shown sections are full, so a large archive is not read to its end.
  let full = 0;
  for (const article of newestFirst.slice(options.top)) {
    const topic = article.data.topics[0]!.id;
    let stories = sections.get(topic);
    if (!stories) {
      if (sections.size === options.maxSections) continue;
      sections.set(topic, (stories = []));
    }
    if (stories.length === options.perSection) continue;
    stories.push(article);
    if (stories.length === options.perSection && ++full === options.maxSections) break;
  }
  return { lead, second, sections: [...sections].map(([topic, articles]) => ({ topic, articles })) };
}
