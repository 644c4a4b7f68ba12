/**
 * Timing and memory of the build's stages, for the `timings` option (`BUILD_TIMINGS=<file>`) and
 * the benchmark. Memory is the peak resident set of the build process and all its descendants
 * together (the content check and Pagefind run as child processes), sampled from /proc every
 * 50 ms on Linux; elsewhere only this process is measured.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface StageTiming {
  name: string;
  /** Wall time in milliseconds. */
  ms: number;
  /** Peak resident memory of the process tree during the stage, in bytes. */
  peakRss: number;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process ended between two reads.
  }
  return out;
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The fields of `/proc/<pid>/stat` after the command name, which may hold spaces and parentheses:
 * the first is the state (field 3 of proc(5)). Undefined once the process has ended. Linux only.
 */
export function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system, all threads) a process has used so far, keyed by its id and start time
 * so that a reused id counts as another process; undefined once it has ended. Linux only.
 */
export function processCpu(pid: number): { key: string; ms: number } | undefined {
  const fields = procStat(pid);
  if (!fields) return undefined;
  // utime is field 14, stime 15, starttime 22; /proc counts in USER_HZ, which Linux fixes at 100 per second.
  return { key: `${pid}@${fields[19]}`, ms: (Number(fields[11]) + Number(fields[12])) * 10 };
}

/** The process ids of every descendant of `pid`, now (Linux only: none elsewhere). */
export function descendantsOf(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const child = queue.pop()!;
    out.push(child);
    queue.push(...childrenOf(child));
  }
  return out;
}

/**
 * Resident memory of a process (this one by default) and every descendant, right now; a caller that
 * has just listed the descendants passes them, so the tree is walked once.
 */
export function treeRss(root = process.pid, descendants = descendantsOf(root)): number {
  if (process.platform !== 'linux') return root === process.pid ? process.memoryUsage().rss : 0;
  return [root, ...descendants].reduce((sum, pid) => sum + rssOf(pid), 0);
}

export class StageClock {
  readonly stages: StageTiming[] = [];

  /**
   * Starts a stage that ends when the returned function is called (a stage spread over hooks).
   * Stages are listed in the order they start: some run side by side and end in either order.
   */
  start(name: string): () => void {
    const started = performance.now();
    const timing: StageTiming = { name, ms: 0, peakRss: treeRss() };
    this.stages.push(timing);
    const timer = setInterval(() => {
      timing.peakRss = Math.max(timing.peakRss, treeRss());
    }, 50);
    timer.unref();
    return () => {
      clearInterval(timer);
      timing.peakRss = Math.max(timing.peakRss, treeRss());
      timing.ms = performance.now() - started;
    };
  }

  /** Runs one stage, recording its wall time and the peak memory of the process tree meanwhile. */
  async run<T>(name: string, work: () => Promise<T> | T): Promise<T> {
    const end = this.start(name);
    try {
      return await work();
    } finally {
      end();
    }
  }
}
