/**
 * Open Graph cards (1200×630 PNG) for articles without a hero image and for the site's other pages
 * (share-cards.ts says which card a page shares): a headline, a label above it and the site's
 * name, set in Inter from the npm package (no font download). Rendering is satori (layout to SVG)
 * then sharp (SVG to PNG). Cards are cached by a hash of what they show, so a rebuild renders only
 * the cards whose text changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import satori from 'satori';
import sharp from 'sharp';
import { CARD, CARD_THUMBNAIL } from './share-cards.ts';

export interface CardText {
  title: string;
  /** The label above the headline: an article's topic, "Topic", an author's role; empty for none. */
  topic: string;
  siteName: string;
}

/**
 * Where drawn cards are kept, inside Astro's cache for the content folder (`cacheDir`): kept
 * between builds, gone after `npm ci`, and removed with the rest of the cache for a cold build.
 * The card routes and the feeds read the same files, so a feed knows a card's exact bytes.
 */
export function cardCacheDir(cacheDir: string): string {
  return join(cacheDir, 'social-cards');
}

/** Bump when the design changes, so cached cards are drawn again. */
const DESIGN_VERSION = 1;

type Node = { type: string; props: { style?: Record<string, unknown>; children?: (Node | string)[] | Node | string } };
const el = (type: string, style: Record<string, unknown>, children?: Node['props']['children']): Node => ({
  type,
  props: { style, children },
});

/** The card's layout, as satori's element tree. Long headlines get a smaller size. */
export function cardTree({ title, topic, siteName }: CardText): Node {
  const size = title.length > 90 ? 52 : title.length > 60 ? 60 : 72;
  // The margin sits on an inner box: satori adds padding to a 100% height, pushing the footer off.
  const inner = el('div', { display: 'flex', flexGrow: 1, flexDirection: 'column', justifyContent: 'space-between', margin: '64px 72px' }, [
    el('div', { display: 'flex', fontSize: 30, fontWeight: 700, color: '#f4a3a9', textTransform: 'uppercase', letterSpacing: 2 }, topic),
    el('div', { display: 'flex', fontSize: size, fontWeight: 700, lineHeight: 1.15 }, title),
    el('div', { display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 400 }, [
      el('div', { display: 'flex', width: 48, height: 8, background: '#e63946', marginRight: 20 }),
      el('div', { display: 'flex' }, siteName),
    ]),
  ]);
  return el('div', { width: '100%', height: '100%', display: 'flex', background: '#1d3557', color: '#f1faee', fontFamily: 'Inter' }, [
    inner,
  ]);
}

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;

/** The card's typeface, from the @fontsource package of the project at `root`. */
function loadFonts(root: string) {
  const require = createRequire(join(root, 'package.json'));
  const file = (weight: number) => readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
  fonts ??= [
    { name: 'Inter', data: file(400), weight: 400, style: 'normal' },
    { name: 'Inter', data: file(700), weight: 700, style: 'normal' },
  ];
  return fonts;
}

export function cardKey(text: CardText): string {
  return createHash('sha256')
    .update(JSON.stringify({ DESIGN_VERSION, ...text }))
    .digest('hex')
    .slice(0, 20);
}

/** The card as PNG bytes, from `cacheDir` when the same text was drawn before; `root` is the project's. */
export async function renderCard(text: CardText, cacheDir: string, root: string): Promise<{ png: Buffer; cached: boolean }> {
  await pending.get(cardKey(text));
  const cached = join(cacheDir, `${cardKey(text)}.png`);
  if (existsSync(cached)) return { png: readFileSync(cached), cached: true };
  const svg = await satori(cardTree(text) as Parameters<typeof satori>[0], { ...CARD, fonts: loadFonts(root) });
  // zlib level 6 without adaptive filtering: far quicker to encode than level 9, for somewhat
  // larger files; at most `socialCardCount` cards are drawn, so the extra bytes stay bounded.
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, png);
  return { png, cached: false };
}

/**
 * The card as a small WebP, for thumbnails: about a tenth of the PNG's bytes. Drawn from the card
 * itself, so it is the same picture, and made from the cache when the card was drawn before.
 */
export async function renderCardThumbnail(text: CardText, cacheDir: string, root: string): Promise<Buffer> {
  const { png } = await renderCard(text, cacheDir, root);
  return sharp(png).resize(CARD_THUMBNAIL.width, CARD_THUMBNAIL.height).webp({ quality: 70, effort: 2 }).toBuffer();
}

const pending = new Map<string, Promise<void>>();

/**
 * Starts drawing every card of `texts` that is not in the cache yet, on worker threads (one per
 * core), and returns at once; `renderCard` then waits for a card still being drawn. Called from
 * the card route's getStaticPaths, which Astro runs before it renders any page, so the cards are
 * drawn while the main thread renders the articles.
 *
 * Astro bundles this module, so the worker (card-worker.ts) is found from the project's `root`
 * rather than from this file.
 */
export function drawCardsAhead(texts: readonly CardText[], cacheDir: string, root: string): void {
  const missing = texts.filter((text) => !pending.has(cardKey(text)) && !existsSync(join(cacheDir, `${cardKey(text)}.png`)));
  if (missing.length === 0) return;
  mkdirSync(cacheDir, { recursive: true });
  const started = performance.now();
  const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism(), Math.ceil(missing.length / 50))) }, () => {
    const worker = new Worker(join(root, 'src/lib/card-worker.ts'));
    // Workers must not keep the build alive once their queue is empty.
    worker.unref();
    return worker;
  });
  const callbacks = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const callback = callbacks.get(id)!;
      callbacks.delete(id);
      if (error) callback.reject(new Error(`Social card: ${error}`));
      else callback.resolve();
      if (callbacks.size === 0) {
        // The benchmark reads this line for its figures (scripts/lib/card-time.ts).
        console.log(
          `[social cards] drew ${missing.length} cards on ${workers.length} worker thread(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        void Promise.all(workers.map((w) => w.terminate()));
      }
    });
    // A worker that dies fails every card still waiting, rather than leaving the build hanging.
    worker.on('error', (error) => {
      for (const callback of callbacks.values()) callback.reject(error);
      callbacks.clear();
    });
  }
  missing.forEach((text, id) => {
    const done = new Promise<void>((resolve, reject) => callbacks.set(id, { resolve, reject }));
    // A failure surfaces when the card's page renders; until then nothing may be left unhandled.
    done.catch(() => {});
    pending.set(cardKey(text), done);
    workers[id % workers.length]!.postMessage({ id, text, cacheDir, root });
  });
}
