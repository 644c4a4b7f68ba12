/**
 * Jobs run in the order they were added, at most `limit` at a time: the loader's HTML writes (each
 * holds a file descriptor) and the image variants encoded while pages render (each holds sharp's
 * threads). A job that returns nothing had nothing left to do and takes no place.
 */
export class LimitedQueue {
  readonly #limit: number;
  #jobs: (() => Promise<unknown> | undefined)[] = [];
  /** The next job to start: taking from the front of a long array one by one would be quadratic. */
  #head = 0;
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(job: () => Promise<unknown> | undefined): void {
    this.#jobs.push(job);
    this.#next();
  }

  /** Resolves once every job added so far has settled (a job's own promise carries its failure). */
  async idle(): Promise<void> {
    if (this.#running > 0 || this.#head < this.#jobs.length) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #next(): void {
    while (this.#running < this.#limit && this.#head < this.#jobs.length) {
      const job = this.#jobs[this.#head++]!;
      if (this.#head === this.#jobs.length) {
        this.#jobs = [];
        this.#head = 0;
      }
      const running = job();
      if (!running) continue;
      this.#running++;
      void running
        .catch(() => undefined)
        .finally(() => {
          this.#running--;
          this.#next();
          if (this.#running === 0 && this.#head === this.#jobs.length) for (const resolve of this.#idle.splice(0)) resolve();
        });
    }
  }
}
