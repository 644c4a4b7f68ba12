/**
 * The editor schemas and the references in CONTRIBUTING.md and the contributing page are made from
 * src/lib/schemas.ts by `npm run schemas`. Committed copies must match what it would write now.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generatedFiles } from '../../scripts/lib/reference.ts';
import { ROOT } from '../helpers.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const files = generatedFiles(read);

describe('generated files', () => {
  it.each(Object.keys(files))('%s is up to date (run npm run schemas if not)', (path) => {
    expect(read(path) === files[path], `${path} is stale: run npm run schemas and commit the result`).toBe(true);
  });
});

describe('the article JSON Schema', () => {
  const schema = JSON.parse(read('.vscode/schemas/article.schema.json')) as {
    properties: Record<string, { description?: string }>;
    required: string[];
    additionalProperties: boolean;
  };
  const articles = readdirSync(join(ROOT, 'content/articles')).map((name) => {
    const file = statSync(join(ROOT, 'content/articles', name)).isDirectory() ? `${name}/index.mdx` : name;
    return parseYaml(/^---\n([\s\S]*?)\n---/.exec(read(`content/articles/${file}`))![1]!) as Record<string, unknown>;
  });

  it('documents every field and refuses unknown ones', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['title', 'description', 'published', 'updated', 'authors', 'topics', 'image', 'draft']),
    );
    for (const [name, field] of Object.entries(schema.properties)) expect(field.description, name).toBeTruthy();
  });

  it('accepts the fields of every default article and requires what they all have', () => {
    expect(articles.length).toBeGreaterThan(1);
    for (const data of articles) {
      for (const key of Object.keys(data)) expect(Object.keys(schema.properties)).toContain(key);
      for (const key of schema.required) expect(data).toHaveProperty(key);
    }
    // The fields every default article has, worked out from the articles themselves.
    const common = Object.keys(articles[0]!).filter((key) => articles.every((data) => key in data));
    expect(common.length).toBeGreaterThan(0);
    expect(schema.required).toEqual(expect.arrayContaining(common));
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'description', 'published', 'authors', 'topics']));
  });
});
