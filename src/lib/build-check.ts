/**
 * The content check of a build while it runs. `astro build` starts it in a child process before
 * Astro loads the content, and the two run side by side; the build waits for the check before
 * anything is written (src/integration/index.ts). The loader finds some of the same problems:
 * when it does, it waits for the check, so that the build stops with the check's whole report
 * rather than the loader's part of it. Handed over on a global: the loader runs in the process of
 * the integration, as the site's code does on the dev server (./dev-problems.ts).
 */
import type { ContentProblem } from './validate.ts';

const KEY = Symbol.for('newsroom.build-check');
const shared = globalThis as { [KEY]?: Promise<readonly ContentProblem[]> };

/** The running check's problems; undefined outside `astro build` (dev, `astro sync`). */
export function buildCheck(): Promise<readonly ContentProblem[]> | undefined {
  return shared[KEY];
}

export function setBuildCheck(problems: Promise<readonly ContentProblem[]>): void {
  // Awaited later: until then a failed check must not count as an unhandled rejection.
  problems.catch(() => {});
  shared[KEY] = problems;
}
