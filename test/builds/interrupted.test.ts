/**
 * A build that is stopped half-way must leave nothing that looks deployable: stopped by a signal it
 * can handle (Ctrl-C, a CI job's timeout), it removes its output folder; killed outright, it leaves
 * the in-progress marker, which the deploy workflow refuses and the next build starts over from.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astro } from '../../scripts/lib/astro.ts';
import { descendantsOf } from '../../src/integration/stages.ts';
import { IN_PROGRESS, listFiles } from '../../src/lib/output-dir.ts';
import { commandEnv, makeContent, ROOT, runBuild, SITE_URL, TMP } from '../helpers.ts';

const CONTENT = makeContent(join(TMP, 'interrupted-content'));
const OUT = join(TMP, 'interrupted-dist');

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // Gone.
  }
};

/** Resolves when `ready()` holds, polling every 20 ms; fails when the build ends first. */
async function until(child: ChildProcess, ready: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`The build ended before ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a build and resolves once Astro has begun writing the output folder. */
async function startBuild(): Promise<{ child: ChildProcess; ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  rmSync(OUT, { recursive: true, force: true });
  const child = astro(['build', '--outDir', OUT], { cwd: ROOT, env: commandEnv({ CONTENT_DIR: CONTENT, SITE_URL }), stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await until(child, () => existsSync(join(OUT, IN_PROGRESS)), 'it wrote anything');
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

  it.runIf(process.platform === 'linux')('by SIGTERM while the search index and link check run also stops their process', async () => {
    const { child, ended } = await startBuild();
    let finishing: number[] = [];
    await until(
      child,
      () => (finishing = descendantsOf(child.pid!).filter((pid) => commandLine(pid).includes('finish-child'))).length > 0,
      'the stages after Astro began',
    );
    child.kill('SIGTERM');
    expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
    const started = Date.now();
    while (finishing.some((pid) => commandLine(pid).includes('finish-child')) && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(finishing.filter((pid) => commandLine(pid).includes('finish-child'))).toEqual([]);
    expect(existsSync(OUT)).toBe(false);
  });

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
