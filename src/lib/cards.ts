/**
 * The social cards the site draws, with the text each shows: one per article that gets its own
 * card (`socialCardCount`), one per topic. The routes of the cards (og/) and of their thumbnails
 * (og/small/, og/topics/small/) read these lists, so a thumbnail exists exactly where its card
 * does, and `storyImage` points a story without a hero image at the same ones.
 */
import type { ImageMetadata } from 'astro';
import { paths, site } from '../config.ts';
import { getArticlesWithOwnCard, getPublishedArticles, getTopics, topicsOf, type Article } from './content.ts';
import { cardFor } from './share-cards.ts';
import { cardCacheDir, cardKey, drawCardsAhead, type CardText } from './social-image.ts';
import { storyImageSource, type StoryImageSource } from './story-images.ts';

export const CARD_CACHE = cardCacheDir(site.cacheDir);

/** Articles with a card of their own, and its text; starts drawing the cards not drawn before. */
export async function articleCards(): Promise<{ slug: string; text: CardText }[]> {
  if (!site.socialImages) return [];
  const [articles, ownCards] = await Promise.all([getPublishedArticles(), getArticlesWithOwnCard()]);
  const cards = await Promise.all(
    articles
      .filter((article) => ownCards.has(article.id))
      .map(async (article) => {
        const [topic] = await topicsOf(article);
        const { text } = cardFor({ kind: 'article', slug: article.id, title: article.data.title, topic: topic!.data.name }, site, paths);
        return { slug: article.id, text };
      }),
  );
  // Drawn on worker threads while the main thread renders the pages (see drawCardsAhead).
  drawCardsAhead(
    cards.map((card) => card.text),
    CARD_CACHE,
    site.root,
  );
  return cards;
}

/**
 * The static paths of the article cards' routes (the card and its thumbnail): keyed by the card's
 * text, so an incremental build copies a card while its text is unchanged.
 */
export async function articleCardPaths() {
  return (await articleCards()).map(({ slug, text }) => ({ params: { slug }, props: { text }, cacheKey: cardKey(text) }));
}

/** Every topic's card and its text. */
export async function topicCards(): Promise<{ id: string; text: CardText }[]> {
  if (!site.socialImages) return [];
  return (await getTopics()).map((topic) => ({
    id: topic.id,
    text: cardFor({ kind: 'topic', id: topic.id, name: topic.data.name }, site, paths).text,
  }));
}

/** The picture beside a story in lists and on the front page (see storyImageSource). */
export async function storyImage(article: Article): Promise<StoryImageSource<ImageMetadata> | undefined> {
  const ownCards = await getArticlesWithOwnCard();
  return storyImageSource(article, { ownCard: ownCards.has(article.id), socialImages: site.socialImages, paths });
}
