import { stripVTControlCharacters } from 'node:util';

/**
 * The social cards are drawn on worker threads during `astro build` (src/lib/social-image.ts),
 * which prints one line when they are done; this reads it from the build's output.
 */
export class CardTime {
  cards = 0;
  ms = 0;

  add(line: string): void {
    // The log may be coloured.
    const match = /\[social cards\] drew (\d+) cards .* in ([\d.]+) s/.exec(stripVTControlCharacters(line));
    if (!match) return;
    this.cards += Number(match[1]);
    this.ms += Number(match[2]) * 1000;
  }

  summary(): { cards: number; ms: number } {
    return { cards: this.cards, ms: this.ms };
  }
}
