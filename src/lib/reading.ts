/** Reading time from an article's source text. */

/** Words per minute of an adult reading news on screen (a common planning figure). */
const WORDS_PER_MINUTE = 230;

/** Words a reader reads: the MDX source without frontmatter, tags, link targets and Markdown marks. */
export function countWords(source: string): number {
  const text = source
    .replace(/^---[\s\S]*?\n---/, ' ')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/\{[^}]*\}/g, ' ');
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** Whole minutes to read so many words, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
