/**
 * `npm run serve`: serves the built `dist/` as a static host would, with its `_headers` applied
 * (scripts/lib/static-server.ts). `npm run preview` is Astro's own server, without the headers.
 *
 *   node scripts/serve.ts [--dir dist] [--port 4322]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from './lib/static-server.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4322' } } });
if (!existsSync(values.dir)) {
  console.error(`${values.dir}/ does not exist: run npm run build first.`);
  process.exit(1);
}
const server = await startServer(values.dir, { port: Number(values.port) });
console.log(`Serving ${values.dir}/ at ${server.origin}/ with its _headers (Ctrl+C to stop).`);
