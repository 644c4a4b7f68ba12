/**
 * Runs the content check (src/lib/check/) in a child process. The check parses every file of the
 * content folder, which takes a lot of memory on a large site; a process that exits gives all of
 * it back to the system, where a worker thread would leave it with the build process for the rest
 * of the build.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ContentCheckOptions } from '../lib/check/index.ts';
import type { ContentProblem } from '../lib/validate.ts';
import type { ResolvedSite } from './options.ts';

export function runContentCheck(site: ResolvedSite): Promise<ContentProblem[]> {
  const options: ContentCheckOptions = {
    contentRoot: site.contentRoot,
    projectRoot: site.root,
    timeZone: site.timeZone,
    keepResultsIn: join(site.cacheDir, 'content-check.json'),
  };
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./check-child.ts', import.meta.url), {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reported = false;
    child.once('message', (problems) => {
      reported = true;
      resolve(problems as ContentProblem[]);
    });
    child.once('error', reject);
    // 'exit' comes after every message, so a check that reported has resolved by then.
    child.once('exit', (code, signal) => {
      if (!reported) reject(new Error(`the content check stopped (${signal ?? `exit ${code}`}) before it reported`));
    });
    child.send(options);
  });
}
