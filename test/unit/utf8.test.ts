import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readUtf8 } from '../../src/lib/check/files.ts';
import { TMP } from '../helpers.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('firstInvalidUtf8', () => {
  it('accepts well-formed UTF-8 of every length, and nothing at all', () => {
    expect(firstInvalidUtf8(bytes('plain ascii, é, ✓, 𝄞, 中文'))).toBe(-1);
    expect(firstInvalidUtf8(bytes(''))).toBe(-1);
  });

  it('finds Windows-1252 and Latin-1 bytes', () => {
    expect(firstInvalidUtf8(bytes('caf', [0xe9]))).toBe(3); // é, cut short
    expect(firstInvalidUtf8(bytes('caf', [0xe9], ' au lait'))).toBe(3);
    expect(firstInvalidUtf8(bytes('It', [0x92], 's'))).toBe(2); // a curly apostrophe
  });

  it('refuses overlong forms, surrogates, stray continuation bytes and code points past U+10FFFF', () => {
    for (const sequence of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xf0, 0x80, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
    ]) {
      expect(firstInvalidUtf8(bytes('ok ', sequence)), sequence.join(',')).toBe(3);
    }
  });
});

describe('readUtf8', () => {
  const dir = join(TMP, 'unit-utf8');
  mkdirSync(dir, { recursive: true });
  const read = (content: Uint8Array) => {
    writeFileSync(join(dir, 'file.mdx'), content);
    return readUtf8(join(dir, 'file.mdx'));
  };

  it('gives the text of a UTF-8 file', () => {
    expect(read(bytes('---\ntitle: Café\n---\n'))).toEqual({ text: '---\ntitle: Café\n---\n' });
  });

  it('gives the line and column, counted in characters, of the first byte that is not UTF-8', () => {
    expect(read(bytes('---\ntitle: Zürich ', [0xe9], 't\n---\n'))).toEqual({ line: 2, column: 15, byte: 0xe9 });
  });
});
