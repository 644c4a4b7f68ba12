/**
 * Strings that keep no larger string alive. V8 stores a substring of 13 characters or more (a
 * YAML scalar, a regular expression's capture, `slice()`) as a reference into the string it was
 * cut from, so a title kept in the content store keeps its article's whole source in memory, and
 * a date read from a page's first 4 KiB keeps those 4 KiB: about 200 MiB at 20,000 articles, in a
 * build process that must stay under V8's heap limit.
 */

/** V8 copies shorter substrings anyway. */
const SHORTEST_SLICE = 13;

/** A copy of `text` that shares no memory with any other string (UTF-16 code units kept exactly). */
export function detachedString(text: string): string {
  if (text.length < SHORTEST_SLICE) return text;
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** `value` with every string in its arrays and plain objects detached; other objects (dates, URLs, maps) are kept as they are. */
export function detached<T>(value: T): T {
  if (typeof value === 'string') return detachedString(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => detached(item)) as T;
  if (value !== null && typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
    for (const [key, item] of Object.entries(value)) copy[key] = detached(item);
    return copy as T;
  }
  return value;
}
