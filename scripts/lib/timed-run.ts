/**
 * Runs a command as the benchmarks measure it: wall time, CPU time of every process it starts
 * (user + system), the peak resident memory of its whole process tree (sampled every 50 ms) and of
 * its largest process (GNU time, where there is one). Its output goes to a log file as it comes,
 * so a long run can be followed with `tail -f`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { descendantsOf, processCpu, treeRss } from '../../src/integration/stages.ts';

export interface TimedRun {
  wallMs: number;
  /**
   * User + system time of the command and all its descendants. GNU time counts only what reaches
   * it through waited-for children, and for a build that was the Astro process alone (no content
   * check, finish child or Pagefind); so on Linux the whole tree is also summed from /proc every
   * 50 ms (a process that ends between two samples loses up to 50 ms). Both can only fall short:
   * the larger is given. 0 without either.
   */
  cpuMs: number;
  /** Peak of the whole process tree. */
  treePeak: number;
  /** GNU time's maximum resident set of the largest single process; 0 without it. */
  maxProcessRss: number;
}

export interface TimedRunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /** Called with each line of output as it comes. */
  onLine?: (line: string) => void;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `command args` and resolves with its figures; rejects, naming the log, when it fails. */
export function timedRun(command: string, args: string[], { cwd, env, logFile, onLine }: TimedRunOptions): Promise<TimedRun> {
  const timeFile = `${logFile}.time`;
  const useTime = process.platform === 'linux' && existsSync(GNU_TIME);
  const [program, programArgs] = useTime ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(program, programArgs, { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  let pending = '';
  const take = (chunk: Buffer) => {
    log.write(chunk);
    if (!onLine) return;
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let treePeak = 0;
  const cpu = new Map<string, number>();
  const sampler = setInterval(() => {
    const descendants = descendantsOf(child.pid!);
    treePeak = Math.max(treePeak, treeRss(child.pid!, descendants));
    for (const pid of [child.pid!, ...descendants]) {
      const used = processCpu(pid);
      if (used) cpu.set(used.key, used.ms);
    }
  }, 50);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler);
      const wallMs = performance.now() - started;
      log.end();
      if (code !== 0) {
        reject(new Error(`${[command, ...args].join(' ')} failed (exit ${code}); see ${logFile}`));
        return;
      }
      const [user = 0, system = 0, maxKb = 0] = useTime
        ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
        : [];
      const sampled = [...cpu.values()].reduce((sum, ms) => sum + ms, 0);
      const cpuMs = Math.max(sampled, (user + system) * 1000);
      resolve({ wallMs, cpuMs, treePeak, maxProcessRss: maxKb * 1024 });
    });
  });
}
