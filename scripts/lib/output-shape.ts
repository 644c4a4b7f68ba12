/**
 * What a build's output is made of, by kind, and per article: how the output grows with the
 * archive, which is what hosts limit (file count, total size).
 */
import type { SizedFile } from '../../src/lib/output-dir.ts';
export const KINDS = ['pages', 'images', 'search', 'feeds', 'other'] as const;
export type OutputKind = (typeof KINDS)[number];

/** The kind of an output file, by its path. */
export function kindOf(path: string): OutputKind {
  if (path.startsWith('pagefind/')) return 'search';
  if (path.endsWith('.html')) return 'pages';
  if (/^(?:_astro|og)\/.+\.(?:jpe?g|png|webp|avif|gif)$/i.test(path)) return 'images';
  if (/(?:^|\/)(?:rss\.xml|atom\.xml|feed\.json)$/.test(path)) return 'feeds';
  return 'other';
}

export type OutputShape = Record<OutputKind, { files: number; bytes: number }>;

/** Files and bytes of each kind. */
export function outputShape(files: readonly SizedFile[]): OutputShape {
  const shape = Object.fromEntries(KINDS.map((kind) => [kind, { files: 0, bytes: 0 }])) as OutputShape;
  for (const file of files) {
    const entry = shape[kindOf(file.path)];
    entry.files += 1;
    entry.bytes += file.size;
  }
  return shape;
}

/** One line per kind: files and KiB in all, and per article. */
export function formatShape(shape: OutputShape, articles: number): string {
  const rows = KINDS.map((kind) => {
    const { files, bytes } = shape[kind];
    return [kind, String(files), (bytes / 1024).toFixed(0), (files / articles).toFixed(2), (bytes / 1024 / articles).toFixed(1)];
  });
  const header = ['output', 'files', 'KiB', 'files/article', 'KiB/article'];
  const widths = header.map((_cell, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  return [header, ...rows]
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}
