/**
 * An article as a self-contained HTML fragment for feed readers: hero image first, then the body
 * as the page shows it (images optimised), every URL made absolute.
 */
import { getImage } from 'astro:assets';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { paths, site } from '../config.ts';
import { renderBody, type Article } from './content.ts';
import { absolutizeHtml } from './feeds.ts';
import { absoluteUrl } from './urls.ts';

let container: Promise<AstroContainer> | undefined;

function getContainer(): Promise<AstroContainer> {
  container ??= AstroContainer.create();
  return container;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The article's hero image as a JPEG at most 1200 pixels wide, the size feeds and social networks
 * use: its absolute URL and its size (`og:image:width` and `og:image:height`).
 */
export async function heroShareImage(article: Article): Promise<{ url: string; width: number; height: number } | undefined> {
  if (!article.data.image) return undefined;
  const { src } = article.data.image;
  const image = await getImage({ src, width: Math.min(1200, src.width), format: 'jpg' });
  return { url: absoluteUrl(image.src, site.url), width: Number(image.attributes.width), height: Number(image.attributes.height) };
}

/** Absolute URL of the article's hero image, as feeds give it. */
export async function heroImageUrl(article: Article): Promise<string | undefined> {
  return (await heroShareImage(article))?.url;
}

export async function articleHtml(article: Article): Promise<string> {
  const { Content } = await renderBody(article);
  const body = await (await getContainer()).renderToString(Content);
  let hero = '';
  if (article.data.image) {
    const { src, alt, caption, credit } = article.data.image;
    const image = await getImage({ src, width: Math.min(1200, src.width), format: 'jpg' });
    const figcaption = [caption, credit]
      .filter(Boolean)
      .map((text) => escapeHtml(text!))
      .join(' ');
    hero =
      `<figure><img src="${image.src}" alt="${escapeHtml(alt)}" width="${image.attributes.width}" height="${image.attributes.height}">` +
      (figcaption ? `<figcaption>${figcaption}</figcaption>` : '') +
      '</figure>';
  }
  return absolutizeHtml(hero + body, absoluteUrl(paths.article(article.id), site.url));
}
