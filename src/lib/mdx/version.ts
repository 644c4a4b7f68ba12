/**
 * The compiler's version: its own source and the libraries that shape its output. A change to any
 * of them clears the loader's stored entries (an unchanged file is otherwise never compiled again)
 * and, through `metadata.renderer`, every page key that depends on them (../cache-key.ts); the
 * content check's kept results go with it.
 */
import { hashOf, packageVersion, versionOf } from '../cache-key.ts';

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
