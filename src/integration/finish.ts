/**
 * The stages after Astro's own: stale files removed, the search index and the link check (on a
 * worker thread) side by side, `_headers`, unused originals removed, modification times kept, host
 * limits. They run in a child process of the build (./finish-child.ts) with a heap of its own: by
 * `astro:build:done` Astro's process still holds its content store and the data of every page,
 * close to V8's default heap limit on an archive of 100,000 articles, and whatever these stages
 * allocated on top of it would end the build. A process that exits also gives all of its memory
 * back.
 *
 * `finishOutput` itself is plain code, called by the child; `runFinish` forks the child and turns
 * its messages back into the build's log lines, stage timings and errors.
 */
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { HEADERS_FILE, IN_PROGRESS, listFiles, removeStaleFiles, SEARCH_DIR, type SizedFile } from '../lib/output-dir.ts';
import { keepOutputTimes, timeRecordFor } from '../lib/output-times.ts';
import { writeHeadersFile } from './headers-file.ts';
import { HOST_LIMITS, hostLimitProblems, hostLimitUse, type DeployTarget } from './host-limits.ts';
import { checkPending, formatReport, scanCacheFor, type LinkCheckOptions, type LinkCheckReport } from './link-check.ts';
import type { ResolvedSite } from './options.ts';
import { buildSearchIndex, type SearchIndexResult } from './search-index.ts';
import type { StageClock } from './stages.ts';
import { removeUnusedImages } from './unused-images.ts';

export interface FinishInput {
  /** The output folder, as Astro's `dir`. */
  root: string;
  /** The output folder as the build reports it, for messages. */
  outDir: string;
  /** Files this build wrote (Astro's `assets`), relative to `root`: anything older and not among them is stale. */
  kept: string[];
  /** When this build started writing output (ms since the epoch). */
  startedAt: number;
  site: Pick<ResolvedSite, 'cacheDir' | 'searchSliceSize' | 'basePath' | 'url' | 'externalLinks' | 'root' | 'deployTarget'>;
}

export interface FinishResult {
  /** Pages the link check found. */
  pages: number;
  /** The output's files and their sizes, as it will be deployed. */
  files: number;
  bytes: number;
  search: SearchIndexResult;
}

/** A message from the stages to the build: a log line, a stage's start or end, the result or the failure. */
export type FinishEvent =
  | { type: 'log'; level: 'info' | 'warn'; text: string }
  | { type: 'stage'; name: string; phase: 'start' | 'end' }
  | { type: 'done'; result: FinishResult }
  | { type: 'failed'; message: string; hint?: string | undefined };

/** A failure the contributor or the deployer can act on: its message and hint become the build's error. */
export class FinishError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

/** Runs the stages on a built output folder, telling `emit` what happens; throws `FinishError` when the output may not be deployed. */
export async function finishOutput(input: FinishInput, emit: (event: FinishEvent) => void): Promise<FinishResult> {
  const { root, site } = input;
  const info = (text: string) => emit({ type: 'log', level: 'info', text });
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    emit({ type: 'stage', name, phase: 'start' });
    try {
      return await work();
    } finally {
      emit({ type: 'stage', name, phase: 'end' });
    }
  };

  const { removed, files } = removeStaleFiles(root, new Set(input.kept), input.startedAt);
  if (removed > 0) info(`Removed ${removed} file(s) left from an earlier build.`);
  const outsideSearch = files.filter((path) => path !== IN_PROGRESS && path !== HEADERS_FILE && !path.startsWith(SEARCH_DIR));
  // Side by side: the link check (a worker thread) and the search index (Pagefind's own processes,
  // driven from this thread). Neither reads what the other writes; the links into the search
  // index's folder are checked once it is written. The worker starts first: the search index
  // reads every page on this thread before Pagefind starts.
  const linkCheck = stage('link check', () =>
    checkLinksOnWorker({
      dir: root,
      files: outsideSearch,
      pending: SEARCH_DIR,
      siteUrl: site.url,
      basePath: site.basePath,
      external: site.externalLinks,
      projectRoot: site.root,
      scanCache: scanCacheFor(site.cacheDir, root),
    }),
  );
  const [report, search] = await Promise.all([
    linkCheck,
    stage('search index', () => buildSearchIndex(root, join(site.cacheDir, 'pagefind'), site.searchSliceSize, files, undefined, linkCheck)),
  ]);
  // The output as it will be deployed, from the one listing and the search index's folder;
  // `_headers` is written below.
  const listed = [...outsideSearch, ...listFiles(join(root, SEARCH_DIR)).map((path) => SEARCH_DIR + path)].sort();
  checkPending(report, listed, site.basePath);
  const text = formatReport(report, input.outDir);
  if (report.broken.length > 0 || report.problems.length > 0) {
    throw new FinishError(text, 'Fix the links at the lines given, or the content they point to.');
  }
  info(text);
  // Its CSP is merged from the pages' <meta> policies, which the link check's scans hold.
  writeHeadersFile(root, site.basePath, report.policies);
  // After the link check, which has found every file a page, feed or sitemap links to.
  const unused = new Set(removeUnusedImages(root, listed, report.linked));
  if (unused.size > 0) info(`Removed ${unused.size} original image(s) no page uses (full size, with their metadata).`);
  const output = [...listed.filter((path) => !unused.has(path)), HEADERS_FILE].map((path) => {
    const { size, mtimeMs } = statSync(join(root, path));
    return { path, size, mtimeMs };
  });
  const restored = keepOutputTimes(root, output, timeRecordFor(site.cacheDir, root));
  if (restored > 0) info(`Kept the modification time of ${restored} file(s) written again with the same bytes.`);
  if (site.deployTarget) info(checkHostLimits(site.deployTarget, output));
  const bytes = output.reduce((sum, file) => sum + file.size, 0);
  return { pages: report.pages, files: output.length, bytes, search };
}

/** `checkLinks` on a worker thread, so that it runs while this thread drives the search index. */
function checkLinksOnWorker(options: LinkCheckOptions): Promise<LinkCheckReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./link-check-worker.ts', import.meta.url), { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
    // After 'message' this changes nothing: a promise settles once.
    worker.once('exit', (code) => reject(new Error(`the link check stopped (exit ${code}) before it reported`)));
  });
}

/** What the output uses of the host's limits; throws when it is too big for the host it is for. */
function checkHostLimits(target: DeployTarget, output: readonly SizedFile[]): string {
  const problems = hostLimitProblems(target, output);
  if (problems.length === 0) return hostLimitUse(target, output);
  throw new FinishError(
    `The output is too big for ${HOST_LIMITS[target].name} (deployTarget "${target}"):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    "Deploy to a host with higher limits (see the README's table of hosts), or make the output smaller: fewer social cards (socialCardCount), fewer or smaller images. Every article is a page and a search fragment, so the number of files grows with the archive.",
  );
}

/**
 * Runs `finishOutput` in a child process, with the build's logger and stage clock; rejects with the
 * build's error. `stop` kills the child at once: a build stopped by a signal removes its output, and
 * nothing may write into it afterwards.
 */
export function runFinish(input: FinishInput, logger: AstroIntegrationLogger, clock: StageClock, stop: AbortSignal): Promise<FinishResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./finish-child.ts', import.meta.url), {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      signal: stop,
      killSignal: 'SIGKILL',
    });
    const running = new Map<string, () => void>();
    let settled = false;
    child.on('message', (event: FinishEvent) => {
      switch (event.type) {
        case 'log':
          logger[event.level](event.text);
          break;
        case 'stage':
          if (event.phase === 'start') running.set(event.name, clock.start(event.name));
          else running.get(event.name)?.();
          break;
        case 'done':
          settled = true;
          resolve(event.result);
          break;
        case 'failed':
          settled = true;
          reject(new AstroError(event.message, event.hint));
          break;
      }
    });
    child.once('error', reject);
    // 'exit' comes after every message, so a child that reported has settled by then.
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`the stages after Astro's build stopped (${signal ?? `exit ${code}`}) before they reported`));
    });
    child.send(input);
  });
}
