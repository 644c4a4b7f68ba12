/**
 * The content check's latest problems on the dev server (src/integration/dev.ts sets them; every
 * page reads them through src/lib/content.ts and refuses to render while there are any). The dev
 * server runs the site's code in the process that runs the integration, so they are handed over on
 * a global: a virtual module would stay cached in every page that imported it. In a build there are
 * none: the check stops the build before anything renders.
 */
import type { ContentProblem } from './validate.ts';

const KEY = Symbol.for('newsroom.dev-problems');
const shared = globalThis as { [KEY]?: readonly ContentProblem[] };

export function devProblems(): readonly ContentProblem[] {
  return shared[KEY] ?? [];
}

export function setDevProblems(problems: readonly ContentProblem[]): void {
  shared[KEY] = problems;
}
