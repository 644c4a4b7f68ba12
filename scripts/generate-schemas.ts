/**
 * `npm run schemas`: writes the editor JSON Schemas and the frontmatter and component reference in
 * CONTRIBUTING.md and the contributing page from the schemas in src/lib/schemas.ts. Run it after
 * changing a field or a component; `npm test` fails while the committed copies are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from './lib/reference.ts';

const root = join(import.meta.dirname, '..');
const files = generatedFiles((path) => readFileSync(join(root, path), 'utf8'));
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  const before = (() => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return '';
    }
  })();
  if (before !== content) writeFileSync(join(root, path), content);
  console.log(`${before === content ? 'unchanged' : 'wrote    '} ${path}`);
}
