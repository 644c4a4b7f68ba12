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

/** Absolute URL of the article's hero image as a 1200-pixel JPEG, the size feeds and social cards use. */
export async function heroImageUrl(article: Article): Promise<string | undefined> {
  if (!article.data.image) return undefined;
  const { src } = article.data.image;
  return absoluteUrl((await getImage({ src, width: Math.min(1200, src.width), format: 'jpg' })).src, site.url);
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
