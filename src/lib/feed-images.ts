/**
 * The picture each feed item announces, with the bytes of the very file it names: an enclosure's
 * length must be the published file's size, and a reader that trusts it stops reading there.
 *
 * - An article with a hero image: the 1,200-pixel JPEG its page gives social networks and its feed
 *   content shows (`heroJpeg`). Astro writes that file after the pages; here it is encoded the same
 *   way, by the configured image service's `transform()` (the public API for image endpoints) with
 *   the options `getImage()` settled, from the original file.
 * - Otherwise what its page gives as `og:image`: its social card, or its topic's for older
 *   articles, with the bytes the card routes serve, from the same cache and drawing function.
 * - With social cards turned off (`socialImages: false`), the site's logo, copied from public/.
 *
 * The link check compares every length a feed declares with the file in the output, so a
 * difference (an image cache written by another version of the encoder, say) fails the build
 * instead of reaching readers.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { getConfiguredImageService, imageConfig } from 'astro:assets';
import type { GetImageResult } from 'astro';
import sharp from 'sharp';
import { paths, site } from '../config.ts';
import { displayPaths, resolveEntryFile } from './check/files.ts';
import { dataOf, readFrontmatter } from './check/frontmatter.ts';
import { getArticlesWithOwnCard, topicsOf, type Article } from './content.ts';
import { feedImage, type FeedImage } from './feeds.ts';
import { heroJpeg } from './render-html.ts';
import { cardFor } from './share-cards.ts';
import { cardCacheDir, renderCard, type CardText } from './social-image.ts';
import { absoluteUrl } from './urls.ts';

const abs = (path: string) => absoluteUrl(path, site.url);

/** The image of an article's feed items. */
export async function itemImage(article: Article): Promise<FeedImage> {
  const hero = await heroJpeg(article);
  if (hero) return feedImage(abs(hero.src), await encode(hero, heroFile(article)));
  if (!site.socialImages) return feedImage(abs(paths.withBase(site.publisher.logo)), readFileSync(logoFile()));
  const [topic] = await topicsOf(article);
  const { path, text } = cardFor(
    (await getArticlesWithOwnCard()).has(article.id)
      ? { kind: 'article', slug: article.id, title: article.data.title, topic: topic!.data.name }
      : { kind: 'topic', id: topic!.id, name: topic!.data.name },
    site,
    paths,
  );
  return card(path, text);
}

async function card(path: string, text: CardText): Promise<FeedImage> {
  const { png } = await renderCard(text, cardCacheDir(site.cacheDir), site.root);
  return feedImage(abs(path), png);
}

const logger = { info: console.info, warn: console.warn, error: console.error };

/** The bytes Astro writes for `image`: its image service's transform of the original file, with the same options. */
async function encode(image: GetImageResult, original: string): Promise<Uint8Array> {
  const service = await getConfiguredImageService();
  if (!('transform' in service))
    throw new Error('Feeds need a local image service (such as sharp): an external one publishes no file to measure.');
  // Astro resolves `imageConfig.service` to the service of prerendered pages; its type also
  // allows the form that names a build and a runtime service.
  const { service: serviceConfig } = imageConfig;
  if (!('entrypoint' in serviceConfig))
    throw new Error('Feeds need the image service of prerendered pages, not a build and a runtime pair.');
  const { options } = image;
  const src = typeof options.src === 'string' ? options.src : options.src.src;
  return (await service.transform(readFileSync(original), { ...options, src }, { ...imageConfig, service: serviceConfig }, logger)).data;
}

/**
 * The hero image's original file, as the entry's frontmatter names it: Astro's image metadata
 * gives the URL of its copy, not the file. The content check has already held the path to the
 * entry's folder; it is resolved the same way here.
 */
function heroFile(article: Article): string {
  const entry = resolve(site.root, article.filePath!);
  const frontmatter = readFrontmatter(readFileSync(entry, 'utf8'));
  const parsed = typeof frontmatter === 'string' ? undefined : dataOf(frontmatter, article.filePath!);
  const written = parsed && 'data' in parsed ? (parsed.data.image as { src?: unknown } | undefined)?.src : undefined;
  if (typeof written !== 'string') throw new Error(`${article.filePath}: image.src is not a path`);
  const found = resolveEntryFile(site.contentRoot, relative(site.contentRoot, entry), written, displayPaths(site.root, site.contentRoot));
  if ('problem' in found) throw new Error(`${article.filePath}: image.src ${found.problem}`);
  return found.path;
}

/** The site's logo in public/ (`publisher.logo`), which Astro publishes as it is. */
export function logoFile(): string {
  return join(site.root, 'public', site.publisher.logo);
}

let rssLogo: Promise<{ png: Buffer; width: number; height: number }> | undefined;

/** RSS's channel image may be at most 144 pixels wide and 400 high: the logo, scaled down to fit. */
export function feedLogo(): Promise<{ png: Buffer; width: number; height: number }> {
  rssLogo ??= sharp(readFileSync(logoFile()))
    .resize({ width: 144, height: 400, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({ png: data, width: info.width, height: info.height }));
  return rssLogo;
}
