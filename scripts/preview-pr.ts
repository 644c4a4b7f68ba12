/**
 * `npm run preview:pr -- --base main`: what a pull request changes for readers, as the reviewer
 * will see it. Builds the base branch (where this branch left it, in a temporary worktree) and
 * this checkout, working-tree changes included, both with drafts shown and marked, then writes
 * the report of scripts/lib/preview-report.ts into the output folder, beside the built site.
 *
 *   node scripts/preview-pr.ts [--base main] [--out preview-pr] [--no-screenshots]
 *
 * The pull-request workflow (.github/workflows/preview.yml) runs the same command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ASTRO_BIN } from './lib/astro.ts';
import { writePreview } from './lib/preview-report.ts';
import { projectRoot, site } from './lib/site.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'main' },
    out: { type: 'string', default: 'preview-pr' },
    'no-screenshots': { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);

const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
const fail = (message: string): never => {
  throw new PreviewError(message);
};
class PreviewError extends Error {}

let baseCommit = '';
try {
  // The pull request's diff starts where its branch left the base, as on GitHub.
  baseCommit = git('merge-base', values.base, 'HEAD');
} catch {
  fail(`no common history with "${values.base}": fetch it first (git fetch origin ${values.base}) or name another --base.`);
}
const changed = [
  ...git('diff', '--name-only', baseCommit).split('\n'),
  ...git('ls-files', '--others', '--exclude-standard').split('\n'),
].filter((file) => file !== '');
const codeChanges = [...new Set(changed.filter((file) => !file.startsWith(`${site.contentDir}/`)))].sort();

const worktree = mkdtempSync(join(tmpdir(), 'preview-base-'));
try {
  git('worktree', 'add', '--detach', '--force', worktree, baseCommit);
  // The same dependencies need no second install; other ones are installed from the base's lockfile.
  const sameLockfile =
    readFileSync(join(projectRoot, 'package-lock.json'), 'utf8') === readFileSync(join(worktree, 'package-lock.json'), 'utf8');
  if (sameLockfile) symlinkSync(join(projectRoot, 'node_modules'), join(worktree, 'node_modules'), 'dir');
  else if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: worktree, stdio: 'inherit' }).status !== 0)
    fail('npm ci failed on the base branch.');

  const build = (root: string, outDir: string, label: string) => {
    console.log(`Building ${label}…`);
    const astroBin = root === projectRoot ? ASTRO_BIN : join(root, 'node_modules/astro/bin/astro.mjs');
    const result = spawnSync(process.execPath, [astroBin, 'build', '--outDir', outDir], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, SHOW_DRAFTS: '1' },
    });
    if (result.status !== 0) fail(`the build of ${label} failed (above).`);
  };
  const baseDist = join(out, 'base-site');
  const headDist = join(out, 'site');
  build(worktree, baseDist, `the base (${values.base} at ${baseCommit.slice(0, 8)})`);
  build(projectRoot, headDist, 'this checkout');

  const summary = await writePreview({
    base: { label: `${values.base} ${baseCommit.slice(0, 8)}`, content: join(worktree, site.contentDir), dist: baseDist },
    head: {
      label: `${git('rev-parse', '--short=8', 'HEAD')}${git('status', '--porcelain') === '' ? '' : ' with uncommitted changes'}`,
      content: site.contentRoot,
      dist: headDist,
    },
    out,
    settings: {
      timeZone: site.timeZone,
      now: new Date(),
      pageSize: site.pageSize,
      homeSize: site.homeSize,
      socialCardCount: site.socialCardCount,
      showUnpublished: true,
    },
    codeChanges,
    screenshots: !values['no-screenshots'],
  });
  rmSync(baseDist, { recursive: true, force: true });
  const flagged = summary.pages.filter((page) => !page.expected).length;
  console.log(
    `\n${summary.pages.length} page(s) differ from the base, ${flagged} of them not explained by the content changes. Report: ${join(values.out, 'summary.md')}; the built preview: ${join(values.out, 'site')}/ (npm run serve -- --dir ${join(values.out, 'site')}).`,
  );
} catch (error) {
  if (!(error instanceof PreviewError)) throw error;
  console.error(`preview:pr: ${error.message}`);
  process.exitCode = 1;
} finally {
  if (existsSync(worktree)) {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: projectRoot });
    rmSync(worktree, { recursive: true, force: true });
  }
}
