import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processCpu } from '../../src/integration/stages.ts';
import { timedRun } from '../../scripts/lib/timed-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'timed-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const linux = process.platform === 'linux';

describe.runIf(linux)('processCpu', () => {
  it("reads a live process's CPU time and knows nothing of an ended one", () => {
    const before = processCpu(process.pid)!;
    const until = process.cpuUsage().user + 100_000;
    while (process.cpuUsage().user < until);
    const after = processCpu(process.pid)!;
    expect(after.key).toBe(before.key);
    expect(after.key.startsWith(`${process.pid}@`)).toBe(true);
    expect(after.ms - before.ms).toBeGreaterThanOrEqual(80);
    expect(processCpu(2 ** 22 + 1)).toBeUndefined();
  });
});

describe.runIf(linux)('timedRun', () => {
  it('counts the CPU time of a descendant its parent never waited for', async () => {
    // The grandchild spins for 600 ms of CPU, tells its parent, and outlives it: the parent exits
    // without reaping it, as the search index's process is left by its parent.
    const grandchild = `
      const until = process.cpuUsage().user + 600000;
      while (process.cpuUsage().user < until);
      process.send('spun');
      setTimeout(() => {}, 1000);`;
    const parent = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.on('message', () => setTimeout(() => process.exit(0), 200));`;
    const run = await timedRun(process.execPath, ['-e', parent], { cwd: dir, logFile: join(dir, 'run.log') });
    expect(run.cpuMs).toBeGreaterThanOrEqual(600);
    expect(run.wallMs).toBeGreaterThanOrEqual(run.cpuMs / 4);
    expect(run.treePeak).toBeGreaterThan(0);
  });
});
