import { describe, expect, it } from 'vitest';
import { documentTitle, TITLE_BUDGET } from '../../src/lib/page-title.ts';

describe('documentTitle', () => {
  const site = 'The Mobility Desk';

  it("adds the site's name when both fit in the budget", () => {
    expect(documentTitle('Archive', site)).toBe('Archive · The Mobility Desk');
    const longest = 'x'.repeat(TITLE_BUDGET - ' · The Mobility Desk'.length);
    expect(documentTitle(longest, site)).toBe(`${longest} · ${site}`);
  });

  it("leaves a long headline alone rather than have the site's name cut off", () => {
    const headline = 'Renault and Nissan open a joint research lab in Shanghai to work on connected cars';
    expect(documentTitle(headline, site)).toBe(headline);
    expect(documentTitle('x'.repeat(TITLE_BUDGET - ' · The Mobility Desk'.length + 1), site)).not.toContain(site);
  });

  it("is the site's name on a page without a title of its own", () => {
    expect(documentTitle(undefined, site)).toBe(site);
    expect(documentTitle('', site)).toBe(site);
  });
});
