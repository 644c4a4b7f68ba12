/**
 * An article as a self-contained HTML fragment for feed readers: hero image first, then the body
 * as the page shows it (images optimised), every URL made absolute.
 */
import { getImage } from 'astro:assets';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { GetImageResult } from 'astro';
import { paths, site } from '../config.ts';
import { renderBody, type Article } from './content.ts';
import { absolutizeHtml, escapeHtml } from './feeds.ts';
import { absoluteUrl } from './urls.ts';

let container: Promise<AstroContainer> | undefined;

function getContainer(): Promise<AstroContainer> {
  container ??= AstroContainer.create();
  return container;
}

/** The article's hero image as one 1200-pixel JPEG, the file feeds and social networks are given. */
export async function heroJpeg(article: Article): Promise<GetImageResult | undefined> {
  if (!article.data.image) return undefined;
  const { src } = article.data.image;
  return getImage({ src, width: Math.min(1200, src.width), format: 'jpg' });
}

/**
 * The hero JPEG's absolute URL and its size (`og:image:width` and `og:image:height`), as pages give
 * it to social networks.
 */
export async function heroShareImage(article: Article): Promise<{ url: string; width: number; height: number } | undefined> {
  const image = await heroJpeg(article);
  return image && { url: absoluteUrl(image.src, site.url), width: Number(image.attributes.width), height: Number(image.attributes.height) };
}

export async function articleHtml(article: Article): Promise<string> {
  const { Content } = await renderBody(article);
  const body = await (await getContainer()).renderToString(Content);
  let hero = '';
  const image = await heroJpeg(article);
  if (image && article.data.image) {
    const { alt, caption, credit } = article.data.image;
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
