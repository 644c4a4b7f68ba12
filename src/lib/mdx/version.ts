/**
 * The compiler's version: its own source and the libraries that shape its output. A change to any
 * of them clears the loader's stored entries (an unchanged file is otherwise never compiled again)
 * and, through `metadata.renderer`, every page key that depends on them (../cache-key.ts); the
 * content check's kept results go with it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hashOf, versionOf } from '../cache-key.ts';

/** The version of an installed package, read from its package.json. */
function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return `${name}@${manifest.version}`;
    } catch {
      // No package.json here: look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return `${name}@unknown`;
    dir = parent;
  }
}

export const COMPILER = hashOf(
  [
    versionOf(
      ...[
        'compile.ts',
        'allowlist.ts',
        'components.ts',
        'values.ts',
        'loader.ts',
        'stored-html.ts',
        'version.ts',
        '../reading.ts',
        '../url-policy.ts',
      ].map((file) => new URL(file, import.meta.url)),
    ),
    ...['satteri', 'hast-util-sanitize', 'hast-util-to-html', 'github-slugger', 'property-information'].map(packageVersion),
  ].join('\n'),
  12,
);
