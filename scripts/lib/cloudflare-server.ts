/**
 * Serves a built site with Cloudflare's own local runtime: `wrangler pages dev` (wrangler and
 * workerd from the npm registry) reads the output's `_headers` and `_redirects` with Cloudflare's
 * parsers and answers as Cloudflare Pages does. The host tests (test/e2e/server.test.ts) hold it
 * and the static server (scripts/lib/static-server.ts) to the same expectations.
 *
 * Nothing is downloaded and nothing is written outside a temporary folder: wrangler's state,
 * logs, settings and caches go there, and every request wrangler would make on its own (the
 * `Request.cf` data, metrics, error reports, the update check of its banner) is turned off.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import type { RunningServer } from './static-server.ts';
import { procStat } from '../../src/integration/stages.ts';

export interface CloudflareServer extends RunningServer {
  /** What wrangler printed so far: its reading of `_headers` and `_redirects`, then one line per request. */
  output(): string;
}

/**
 * The Workers compatibility date. Without one wrangler takes today's, which the bundled runtime
 * refuses once the calendar passes the newest date it knows; a fixed date also keeps the runtime's
 * behaviour from moving with the calendar. Any date up to the runtime's newest is accepted.
 */
const COMPATIBILITY_DATE = '2026-04-01';

/** wrangler's own check is `>=22.12.0` (package.json `engines` of wrangler and miniflare). */
const MIN_NODE = [22, 12];

/** Starts `wrangler pages dev` on `dir` and resolves once it answers HTTP requests. */
export async function startCloudflareServer(dir: string, { timeoutMs = 60_000 } = {}): Promise<CloudflareServer> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0]! || (major === MIN_NODE[0] && minor < MIN_NODE[1]!)) {
    throw new Error(
      `wrangler needs Node.js ${MIN_NODE.join('.')} or newer, this is ${process.versions.node}: run it through npm (npm test, npx vitest), which uses the project's Node.js 24.`,
    );
  }
  // wrangler would serve a missing folder as an empty site, answering 404 to everything.
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`No built site in ${dir} (no index.html): build it first.`);
  const wrangler = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin/wrangler.js');
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${port}`;

  const work = mkdtempSync(join(tmpdir(), 'cloudflare-pages-'));
  const home = join(work, 'home');
  const temp = join(work, 'tmp');
  mkdirSync(home);
  mkdirSync(temp);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Settings, logs, the dev registry and caches, which wrangler keeps under $HOME, the working
    // folder and node_modules/.cache by default.
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    TMPDIR: temp,
    WRANGLER_LOG_PATH: join(work, 'logs'),
    WRANGLER_CACHE_DIR: join(work, 'cache'),
    // Nothing fetched or sent: the `Request.cf` object would come from workers.cloudflare.com, and
    // the banner, hidden here, asks the npm registry for a newer wrangler; no metrics, no error reports.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
  };
  const args = [wrangler, 'pages', 'dev', resolve(dir), '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--inspector-port', String(inspectorPort), '--compatibility-date', COMPATIBILITY_DATE);
  args.push('--persist-to', join(work, 'state'));
  // Its own process group: wrangler's launcher starts wrangler, which starts workerd and esbuild,
  // and close() ends them all at once.
  const child = spawn(process.execPath, args, { cwd: work, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (printed += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (printed += text));
  // Its warnings come in colour whatever the terminal.
  const output = () => stripVTControlCharacters(printed);
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `exit code ${code}`));
  child.once('error', (error) => (exit = error.message));
  // Should the test process end without close(), the runtime must not outlive it.
  const killOnExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      process.off('exit', killOnExit);
      killGroup(child.pid, 'SIGTERM');
      for (let waited = 0; groupAlive(child.pid) && waited < 5_000; waited += 50) await sleep(50);
      if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
      for (let waited = 0; groupAlive(child.pid) && waited < 5_000; waited += 50) await sleep(50);
      rmSync(work, { recursive: true, force: true });
    })());

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit !== undefined) {
      await close();
      throw new Error(`wrangler pages dev ${dir} stopped before it served anything (${exit}). Its output:\n${output()}`);
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`wrangler pages dev ${dir} did not answer on ${origin} within ${timeoutMs / 1000} s. Its output:\n${output()}`);
    }
    try {
      await fetch(origin, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      await sleep(100);
    }
  }
  return { origin, output, close };
}

/** A port nothing listens on now: the system's pick for port 0. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already ended.
  }
}

/**
 * Whether a process of the group still runs. On Linux an ended process its parent has not yet
 * collected (a zombie: workerd's, once wrangler is gone, waits for init) does not count.
 */
function groupAlive(pgid: number | undefined): boolean {
  if (pgid === undefined) return false;
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/stat')) return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // State, parent, group; undefined if the process ended meanwhile.
    const [state, , group] = procStat(entry) ?? [];
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}
