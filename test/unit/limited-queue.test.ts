/**
 * The queue behind the loader's HTML writes and the early image encodings (src/lib/limited-queue.ts).
 */
import { describe, expect, it } from 'vitest';
import { LimitedQueue } from '../../src/lib/limited-queue.ts';

/** A job that records when it starts and finishes when `finish` is called with its number. */
function recorder() {
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  const job =
    (n: number, fail = false) =>
    () => {
      started.push(n);
      return new Promise<void>((resolve, reject) => finishers.set(n, () => (fail ? reject(new Error(`job ${n}`)) : resolve())));
    };
  const finish = async (n: number) => {
    finishers.get(n)!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { started, job, finish };
}

describe('LimitedQueue', () => {
  it('runs at most its limit at once, in the order the jobs were added', async () => {
    const { started, job, finish } = recorder();
    const queue = new LimitedQueue(2);
    for (const n of [1, 2, 3, 4]) queue.add(job(n));
    expect(started).toEqual([1, 2]);
    await finish(2);
    expect(started).toEqual([1, 2, 3]);
    await finish(1);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('gives no place to a job that had nothing to do', () => {
    const { started, job } = recorder();
    const queue = new LimitedQueue(1);
    queue.add(() => undefined);
    queue.add(job(1));
    queue.add(() => undefined);
    queue.add(job(2));
    expect(started).toEqual([1]);
  });

  it('is idle once every job has settled, a failed one as well', async () => {
    const { job, finish } = recorder();
    const queue = new LimitedQueue(1);
    queue.add(job(1, true));
    queue.add(job(2));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await finish(1);
    expect(idle).toBe(false);
    await finish(2);
    expect(idle).toBe(true);
    await expect(new LimitedQueue(1).idle()).resolves.toBeUndefined();
  });
});
