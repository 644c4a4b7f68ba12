/**
 * A rebuild from another shell or command keeps every page: Astro writes the values of some
 * environment variables into the server build's code (those whose names occur in a module that
 * reads `import.meta.env` whole), and `_`, which the shell sets to the program it ran, is one of
 * them. The build leaves it out (src/integration/index.ts), so the incremental build sees the same
 * code whether it was started by `npm run build`, `npx astro build` or a CI step.
 */
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeContent, runBuild, TMP } from '../helpers.ts';

const CONTENT = join(TMP, 'environment-content');
const OUT = join(TMP, 'environment-dist');

let second: { status: number | null; output: string };
/** A third build as the second was started: what any rebuild renders again (the pages of moved addresses). */
let third: { status: number | null; output: string };

/** The article pages a build's log shows it rendered, not kept: Astro marks those it kept "(cached)". */
const renderedArticles = (output: string) =>
  [...stripVTControlCharacters(output).matchAll(/\/articles\/[\w-]+\/index\.html( \(cached\))?/g)]
    .filter((match) => match[1] === undefined)
    .map((match) => match[0]);

beforeAll(() => {
  makeContent(CONTENT);
  const build = runBuild(CONTENT, OUT, { _: '/usr/local/bin/npm' });
  if (build.status !== 0) throw new Error(`The first build failed:\n${build.output}`);
  second = runBuild(CONTENT, OUT, { _: '/usr/bin/npx' });
  third = runBuild(CONTENT, OUT, { _: '/usr/bin/npx' });
}, 180_000);

describe('a rebuild started by another program', () => {
  it('succeeds', () => {
    expect(second.status, second.output).toBe(0);
  });

  it('renders no more article pages again than a rebuild started the same way', () => {
    expect(third.status, third.output).toBe(0);
    expect(stripVTControlCharacters(second.output)).toMatch(/\/articles\/[\w-]+\/index\.html \(cached\)/);
    expect(renderedArticles(second.output)).toEqual(renderedArticles(third.output));
  });
});
