/**
 * What a page shares on social networks when it has no photo of its own: which generated card,
 * where it lives and what it says. The cards are drawn by social-image.ts; this module only names
 * them, so pages and layouts can point at a card without loading the drawing code.
 */
import type { CardText } from './social-image.ts';
import { absoluteUrl, type Paths } from './urls.ts';

/** The size of every generated card: the 1.91:1 image Open Graph and X show largest. */
export const CARD = { width: 1200, height: 630 } as const;

/** The small WebP of a card that lists show as a thumbnail: 2x a list's thumbnail, 1x a card's. */
export const CARD_THUMBNAIL = { width: 480, height: 252 } as const;

/** An image for `og:image` and `twitter:image`: an absolute URL, its alt text and its real size. */
export interface ShareImage {
  url: string;
  alt: string;
  width: number;
  height: number;
}

/** What a card is about. Each kind of page shares one card, not one per list page. */
export type CardSubject =
  /** Home, archive, indexes, search, corrections, the not-found page: the site's own card. */
  | { kind: 'site' }
  /** An article's own card, with its headline and first topic (the newest `socialCardCount`). */
  | { kind: 'article'; slug: string; title: string; topic: string }
  /** A topic's pages, and its older articles without a hero image. */
  | { kind: 'topic'; id: string; name: string }
  /** An author's pages. */
  | { kind: 'author'; id: string; name: string; role: string }
  /** A docs page (about, contributing, editorial standards). */
  | { kind: 'page'; slug: string; title: string };

export interface Card {
  /** Its path on the site, base path included. */
  path: string;
  /** What it shows; also its key in the cache of drawn cards. */
  text: CardText;
  alt: string;
}

/** The site's identity as a card shows it. */
export interface CardSite {
  title: string;
  description: string;
}

/** The card of `subject`: its path, the text drawn on it and the alt text that describes it. */
export function cardFor(subject: CardSubject, site: CardSite, paths: Paths): Card {
  const siteName = site.title;
  const card = (path: string, title: string, label: string): Card => ({
    path,
    text: { title, topic: label, siteName },
    // What the card shows, in the order a reader sees it; the label is decoration when it only says the kind.
    alt: `${title}, ${siteName}`,
  });
  switch (subject.kind) {
    case 'site':
      // The description is a sentence of its own: the name goes first.
      return { ...card(paths.siteCard(), site.description, ''), alt: `${siteName}: ${site.description}` };
    case 'article':
      return card(paths.socialCard(subject.slug), subject.title, subject.topic);
    case 'topic':
      return card(paths.topicCard(subject.id), subject.name, 'Topic');
    case 'author':
      return { ...card(paths.authorCard(subject.id), subject.name, subject.role), alt: `${subject.name}, ${subject.role}, ${siteName}` };
    case 'page':
      return card(paths.pageCard(subject.slug), subject.title, '');
  }
}

/** The `og:image` of a generated card. */
export function cardImage(card: Card, siteUrl: string): ShareImage {
  return { url: absoluteUrl(card.path, siteUrl), alt: card.alt, ...CARD };
}
