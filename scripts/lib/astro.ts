/** Runs Astro's own command line from the project's node_modules, on the Node.js that runs this script. */
import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

export function astroSync(args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, [ASTRO_BIN, ...args], { encoding: 'utf8', ...options });
}

export function astro(args: string[], options: SpawnOptions = {}) {
  return spawn(process.execPath, [ASTRO_BIN, ...args], options);
}
