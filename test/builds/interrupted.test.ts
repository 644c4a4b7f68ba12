/**
 * A build that is stopped half-way must leave nothing that looks deployable: stopped by a signal it
 * can handle (Ctrl-C, a CI job's timeout), it removes its output folder; killed outright, it leaves
 * the in-progress marker, which the deploy workflow refuses and the next build starts over from.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astro } from '../../scripts/lib/astro.ts';
import { IN_PROGRESS, listFiles } from '../../src/lib/output-dir.ts';
import { commandEnv, makeContent, ROOT, runBuild, SITE_URL, TMP } from '../helpers.ts';

const CONTENT = makeContent(join(TMP, 'interrupted-content'));
const OUT = join(TMP, 'interrupted-dist');

/** Starts a build and resolves once Astro has begun writing the output folder. */
async function startBuild(): Promise<{ child: ChildProcess; ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  rmSync(OUT, { recursive: true, force: true });
  const child = astro(['build', '--outDir', OUT], { cwd: ROOT, env: commandEnv({ CONTENT_DIR: CONTENT, SITE_URL }), stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  while (!existsSync(join(OUT, IN_PROGRESS))) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error('The build ended before it wrote anything');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, ended };
}

describe('a build that is stopped', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`by ${signal} removes its output folder and ends as the signal ends it`, async () => {
      const { child, ended } = await startBuild();
      child.kill(signal);
      expect(await ended).toEqual({ code: null, signal });
      expect(existsSync(OUT)).toBe(false);
    });
  }

  it('by SIGKILL leaves the marker, and the next build starts from an empty folder', async () => {
    const { child, ended } = await startBuild();
    child.kill('SIGKILL');
    expect((await ended).signal).toBe('SIGKILL');
    expect(listFiles(OUT)).toContain(IN_PROGRESS);
    const next = runBuild(CONTENT, OUT);
    expect(next.status, next.output).toBe(0);
    expect(listFiles(OUT)).not.toContain(IN_PROGRESS);
    expect(listFiles(OUT)).toContain('pagefind/pagefind.js');
  });
});
