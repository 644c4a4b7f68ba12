/**
 * The picture beside a story on the front page and in lists: its hero image, or else its social
 * card. Few image files per article: a hero is shown from the widths its article page already has
 * (HERO_WIDTHS) plus one small width (THUMBNAIL_WIDTH); a card from its PNG and one small WebP of it.
 * Pure, so the choice is unit-tested without a build.
 */
import type { Paths } from './urls.ts';

/** Widths of a hero image on its article page (src/components/HeroImage.astro). */
export const HERO_WIDTHS = [480, 800, 1200] as const;
/** The one width made for lists only: a list's thumbnail at 1x (2x takes the hero's 480). */
export const THUMBNAIL_WIDTH = 240;

/** How large a story's picture is shown, from the front page's lead down to a list's thumbnail. */
export type StoryImageSize = 'lead' | 'card' | 'thumbnail';

/** The widths of a hero image offered at each size: all of them files that exist anyway. */
export const WIDTHS: Record<StoryImageSize, readonly number[]> = {
  lead: HERO_WIDTHS,
  card: [THUMBNAIL_WIDTH, HERO_WIDTHS[0], HERO_WIDTHS[1]],
  thumbnail: [THUMBNAIL_WIDTH, HERO_WIDTHS[0]],
};

/**
 * `sizes` for each, matching the layout's CSS (src/styles/front.css, lists.css): the lead is the
 * page's width on a phone and 3/5 of it from 60rem; a card is a row's thumbnail on a phone and a
 * third of the page from 48rem; a list's thumbnail is 7.5rem, then 14rem.
 */
export const SIZES: Record<StoryImageSize, string> = {
  lead: '(min-width: 75rem) 43rem, (min-width: 60rem) 58vw, calc(100vw - 2rem)',
  card: '(min-width: 75rem) 22.5rem, (min-width: 48rem) 30vw, 7.5rem',
  thumbnail: '(min-width: 48rem) 14rem, 7.5rem',
};

export type StoryImageSource<Image> =
  | { kind: 'hero'; src: Image }
  | {
      kind: 'card';
      /** The card's small WebP (480 wide) and the PNG itself (1200 wide). */
      small: string;
      large: string;
    };

interface StoryLike<Image> {
  id: string;
  data: { image?: { src: Image } | undefined; topics: readonly { id: string }[] };
}

/**
 * A story's picture: its hero image; else its own card when it has one (the newest
 * `socialCardCount`), else its first topic's card; nothing when the site draws no cards.
 */
export function storyImageSource<Image>(
  article: StoryLike<Image>,
  context: { ownCard: boolean; socialImages: boolean; paths: Paths },
): StoryImageSource<Image> | undefined {
  if (article.data.image) return { kind: 'hero', src: article.data.image.src };
  if (!context.socialImages) return undefined;
  const { paths } = context;
  if (context.ownCard) return { kind: 'card', small: paths.socialCardThumbnail(article.id), large: paths.socialCard(article.id) };
  const topic = article.data.topics[0]!.id;
  return { kind: 'card', small: paths.topicCardThumbnail(topic), large: paths.topicCard(topic) };
}
