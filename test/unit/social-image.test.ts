import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { cardKey, drawCardsAhead, renderCard, renderCardThumbnail } from '../../src/lib/social-image.ts';
import { ROOT } from '../helpers.ts';

const cache = mkdtempSync(join(tmpdir(), 'cards-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const text = { title: 'Renault and Nissan open a joint research lab in Shanghai', topic: 'China', siteName: 'The Mobility Desk' };

describe('social cards', () => {
  it('are 1200×630 PNGs', async () => {
    const { png, cached } = await renderCard(text, cache, ROOT);
    expect(cached).toBe(false);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
  });

  it('are drawn without a label above the headline when there is none (the site and docs pages)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-unlabelled-'));
    try {
      const { png } = await renderCard({ ...text, topic: '' }, dir, ROOT);
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are drawn once per text and then read from the cache', async () => {
    const again = await renderCard(text, cache, ROOT);
    expect(again.cached).toBe(true);
    expect(readdirSync(cache)).toEqual([`${cardKey(text)}.png`]);
  });

  it('are drawn again when the headline, topic or site name changes', () => {
    expect(cardKey({ ...text, title: 'Another headline' })).not.toBe(cardKey(text));
    expect(cardKey({ ...text, topic: 'Electric' })).not.toBe(cardKey(text));
    expect(cardKey({ ...text, siteName: 'Other' })).not.toBe(cardKey(text));
  });

  it('have a 480×252 WebP thumbnail of the same card, drawn from the cached card and far smaller', async () => {
    const thumbnail = await renderCardThumbnail(text, cache, ROOT);
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'webp', width: 480, height: 252 });
    const { png } = await renderCard(text, cache, ROOT);
    expect(thumbnail.length).toBeLessThan(png.length / 4);
    // The same picture: the card's top-left colour (its background) survives the resize.
    const corner = async (image: Buffer) => [...(await sharp(image).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer())];
    const [r, g, b] = await corner(png);
    const [r2, g2, b2] = await corner(thumbnail);
    for (const [x, y] of [
      [r, r2],
      [g, g2],
      [b, b2],
    ])
      expect(Math.abs(x! - y!)).toBeLessThan(8);
    expect(readdirSync(cache)).toEqual([`${cardKey(text)}.png`]);
  });
});

describe('cards drawn ahead', () => {
  it('are drawn on worker threads into the cache, and renderCard then reads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-ahead-'));
    try {
      const texts = ['One', 'Two', 'Three'].map((title) => ({ ...text, title }));
      drawCardsAhead(texts, dir, ROOT);
      for (const t of texts) {
        const { png, cached } = await renderCard(t, dir, ROOT);
        expect(cached).toBe(true);
        expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
      }
      expect(readdirSync(dir).sort()).toEqual(texts.map((t) => `${cardKey(t)}.png`).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
