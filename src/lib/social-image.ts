/**
 * Open Graph cards (1200×630 PNG) for articles without a hero image: headline, first topic and site
 * name, set in Inter from the npm package (no font download). Rendering is satori (layout to SVG)
 * then sharp (SVG to PNG). Cards are cached by a hash of what they show, so a rebuild renders only
 * the cards whose text changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import satori from 'satori';
import sharp from 'sharp';

export interface CardText {
  title: string;
  topic: string;
  siteName: string;
}

export const CARD = { width: 1200, height: 630 } as const;

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
  const inner = el(
    'div',
    { display: 'flex', flexGrow: 1, flexDirection: 'column', justifyContent: 'space-between', margin: '64px 72px' },
    [
      el('div', { display: 'flex', fontSize: 30, fontWeight: 700, color: '#f4a3a9', textTransform: 'uppercase', letterSpacing: 2 }, topic),
      el('div', { display: 'flex', fontSize: size, fontWeight: 700, lineHeight: 1.15 }, title),
      el('div', { display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 400 }, [
        el('div', { display: 'flex', width: 48, height: 8, background: '#e63946', marginRight: 20 }),
        el('div', { display: 'flex' }, siteName),
      ]),
    ],
  );
  return el('div', { width: '100%', height: '100%', display: 'flex', background: '#1d3557', color: '#f1faee', fontFamily: 'Inter' }, [inner]);
}

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;

function loadFonts() {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const file = (weight: number) => readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
  fonts ??= [
    { name: 'Inter', data: file(400), weight: 400, style: 'normal' },
    { name: 'Inter', data: file(700), weight: 700, style: 'normal' },
  ];
  return fonts;
}

export function cardKey(text: CardText): string {
  return createHash('sha256').update(JSON.stringify({ DESIGN_VERSION, ...text })).digest('hex').slice(0, 20);
}

/** The card as PNG bytes, from `cacheDir` when the same text was drawn before. */
export async function renderCard(text: CardText, cacheDir: string): Promise<{ png: Buffer; cached: boolean }> {
  const cached = join(cacheDir, `${cardKey(text)}.png`);
  if (existsSync(cached)) return { png: readFileSync(cached), cached: true };
  const svg = await satori(cardTree(text) as Parameters<typeof satori>[0], { ...CARD, fonts: loadFonts() });
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, png);
  return { png, cached: false };
}
