/**
 * `astro build --root <project>` started from another folder builds the same site: the content
 * folder, the caches and the content check all resolve against the project root, not the working
 * directory. (The folder is inside the project: Astro itself writes its server chunks into the
 * working directory when the output folder is outside it, and they must find node_modules from
 * there; see the README.)
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { astroSync } from '../../scripts/lib/astro.ts';
import { cacheDirFor } from '../../src/integration/options.ts';
import { commandEnv, makeContent, ROOT, TMP } from '../helpers.ts';

const elsewhere = join(TMP, 'another-folder');
mkdirSync(elsewhere, { recursive: true });
// A content folder of its own, with no cache yet, so the build also draws social cards.
const CONTENT = makeContent(join(TMP, 'root-content'));
rmSync(cacheDirFor(CONTENT, ROOT), { recursive: true, force: true });
const OUT = join(TMP, 'root-dist');

afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

it('builds from another working directory with --root, the content folder read from the project', () => {
  const result = astroSync(['build', '--root', ROOT, '--outDir', OUT], {
    cwd: elsewhere,
    env: commandEnv({ CONTENT_DIR: 'test/.tmp/root-content' }),
  });
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.status, output).toBe(0);
  expect(output).toContain('Link check passed.');
  expect(existsSync(join(OUT, 'articles/alliance-innovation-lab-shanghai/index.html'))).toBe(true);
  expect(existsSync(join(OUT, 'og/china-largest-market-2018.png'))).toBe(true);
  expect(existsSync(join(elsewhere, 'test'))).toBe(false);
});
