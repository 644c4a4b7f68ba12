/**
 * A rebuild updates the output folder in place (src/lib/output-dir.ts): pages that did not change
 * are left as they are, and whatever the earlier build wrote for content that is gone is removed,
 * so the folder ends up exactly as a build into an empty folder would leave it.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../scripts/lib/dist-files.ts';
import { makeContent, runBuild, TMP } from './helpers.ts';

const CONTENT = join(TMP, 'rebuild-content');
const IN_PLACE = join(TMP, 'rebuild-dist');
const FRESH = join(TMP, 'rebuild-fresh-dist');
const REMOVED = 'articles/components-fixture';
// A social card depends on its own article only.
const UNCHANGED = 'og/china-largest-market-2018.png';

let first: { files: string[]; unchanged: { ino: number; mtimeMs: number } };
let rebuild: { status: number | null; output: string };

beforeAll(() => {
  rmSync(IN_PLACE, { recursive: true, force: true });
  rmSync(FRESH, { recursive: true, force: true });
  makeContent(CONTENT, { [REMOVED]: 'test/fixtures/site/components-fixture' });
  const build = runBuild(CONTENT, IN_PLACE);
  if (build.status !== 0) throw new Error(`The first build failed:\n${build.output}`);
  const { ino, mtimeMs } = statSync(join(IN_PLACE, UNCHANGED));
  first = { files: listFiles(IN_PLACE), unchanged: { ino, mtimeMs } };
  rmSync(join(CONTENT, REMOVED), { recursive: true });
  rebuild = runBuild(CONTENT, IN_PLACE);
  const fresh = runBuild(CONTENT, FRESH);
  if (fresh.status !== 0) throw new Error(`The build into an empty folder failed:\n${fresh.output}`);
}, 120_000);

describe('a rebuild into the folder of an earlier build', () => {
  it('succeeds and says how many files it removed', () => {
    expect(rebuild.status).toBe(0);
    expect(rebuild.output).toMatch(/Removed \d+ file\(s\) left from an earlier build/);
  });

  it('removes the page, the images and the search entry of an article that is gone', () => {
    const before = first.files.filter((file) => !listFiles(IN_PLACE).includes(file));
    expect(before).toContain(`${REMOVED}/index.html`);
    expect(before).toContain('og/components-fixture.png');
    // The fixture's chart, in every width and format the page offered.
    expect(before.filter((file) => /^_astro\/chart\..+\.(webp|avif|png)$/.test(file)).length).toBeGreaterThan(0);
    expect(before.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
  });

  it('ends with exactly the files, and the bytes, of a build into an empty folder', () => {
    const files = listFiles(IN_PLACE);
    expect(files).toEqual(listFiles(FRESH));
    const differing = files.filter((file) => !readFileSync(join(IN_PLACE, file)).equals(readFileSync(join(FRESH, file))));
    expect(differing).toEqual([]);
  });

  it('leaves a file whose page did not change as it was: same file, same modification time', () => {
    const { ino, mtimeMs } = statSync(join(IN_PLACE, UNCHANGED));
    expect({ ino, mtimeMs }).toEqual(first.unchanged);
  });

  it('leaves no marker of a build in progress', () => {
    expect(listFiles(IN_PLACE).filter((file) => file.startsWith('.'))).toEqual([]);
  });
});
