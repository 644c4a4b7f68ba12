/** On-page table of contents from the headings Astro extracts while rendering Markdown. */

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry extends Heading {
  children: Heading[];
}

/** Pages with fewer sections than this get no table of contents: it would only repeat the page. */
export const TOC_MIN_HEADINGS = 3;

/** h2 entries with their h3 children; null when the page is too short to need one. */
export function buildToc(headings: readonly Heading[], minHeadings = TOC_MIN_HEADINGS): TocEntry[] | null {
  const entries: TocEntry[] = [];
  for (const heading of headings) {
    if (heading.depth === 2) entries.push({ ...heading, children: [] });
    else if (heading.depth === 3 && entries.length > 0) entries.at(-1)!.children.push(heading);
  }
  const count = entries.reduce((sum, entry) => sum + 1 + entry.children.length, 0);
  return count >= minHeadings ? entries : null;
}
