/**
 * Documents made from the schemas, so they cannot disagree with what the check enforces: the JSON
 * Schemas editors read (in .vscode/schemas/) and the frontmatter and component reference in
 * CONTRIBUTING.md and the site's contributing page. `npm run schemas` writes them; a test fails
 * when a committed copy is stale.
 */
import { z } from 'astro/zod';
import { APPROVED_COMPONENTS } from '../../src/lib/mdx/components.ts';
import { articleSchema, authorSchema, jsonSchemaParts, redirectSchema, topicSchema } from '../../src/lib/schemas.ts';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
  default?: unknown;
  [key: string]: unknown;
}

function toJson(schema: z.ZodType, title: string, description: string): JsonSchema {
  // `io: 'input'`: what a contributor writes (a default makes a field optional to write).
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { ...json, title, description };
}

export const SCHEMAS = {
  article: () => toJson(articleSchema(jsonSchemaParts), 'Article frontmatter', 'The frontmatter of content/articles/<slug>.mdx.'),
  author: () => toJson(authorSchema(), 'Author frontmatter', 'The frontmatter of content/authors/<id>.md; the body is the bio.'),
  topics: () => toJson(z.array(topicSchema), 'Topics', 'content/topics.yaml: the list of topics articles may name.'),
  redirects: () => toJson(z.array(redirectSchema), 'Redirects', 'content/redirects.yaml: old addresses and where readers go instead.'),
};

function typeWords(field: JsonSchema): string {
  if (field.type === 'array') return field.items?.pattern ? 'list of ids' : `list of ${typeWords(field.items ?? {})}s`;
  if (field.type === 'object') return 'group';
  if (field.type === 'boolean') return 'true / false';
  if (typeof field.pattern === 'string' && field.pattern.startsWith('^\\d{4}')) return 'date';
  if (field.type === 'string') return 'text';
  return String(field.type ?? 'value');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table of a frontmatter schema's fields, from their `.describe()` texts. */
export function fieldTable(schema: JsonSchema): string {
  const rows = Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    let text = field.description ?? '';
    if (field.properties) {
      const parts = Object.keys(field.properties).map((key) => (field.required?.includes(key) ? `\`${key}\` (required)` : `\`${key}\``));
      text += ` Fields: ${parts.join(', ')}.`;
    }
    if (field.default !== undefined) text += ` Default: \`${JSON.stringify(field.default)}\`.`;
    return `| \`${name}\` | ${typeWords(field)} | ${required} | ${cell(text.trim())} |`;
  });
  return ['| Field | Type | Required | What it holds |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function componentList(): string {
  return Object.entries(APPROVED_COMPONENTS)
    .map(
      ([name, { summary, example }]) =>
        `- **${name}**: ${summary}\n\n  \`\`\`mdx\n${example
          .split('\n')
          .map((line) => `  ${line}`.trimEnd())
          .join('\n')}\n  \`\`\``,
    )
    .join('\n\n');
}

/** The generated blocks, by name; each sits between start and end markers in the documents. */
export function referenceBlocks(): Record<string, string> {
  return {
    'article-frontmatter': fieldTable(SCHEMAS.article()),
    'author-frontmatter': fieldTable(SCHEMAS.author()),
    components: componentList(),
  };
}

/** Markers as Markdown writes them, and as MDX does (MDX has no HTML comments). */
export const MARKERS = {
  md: (name: string, edge: 'start' | 'end') => `<!-- generated:${name}:${edge} (npm run schemas) -->`,
  mdx: (name: string, edge: 'start' | 'end') => `{/* generated:${name}:${edge} (npm run schemas) */}`,
};

/** `text` with every marked block replaced by its generated content. Throws if a marker is missing. */
export function fillBlocks(text: string, file: string, style: keyof typeof MARKERS, blocks = referenceBlocks()): string {
  let out = text;
  for (const [name, content] of Object.entries(blocks)) {
    const start = MARKERS[style](name, 'start');
    const end = MARKERS[style](name, 'end');
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from === -1 || to < from) throw new Error(`${file}: the markers of the "${name}" block are missing; restore ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n\n${content}\n\n${out.slice(to)}`;
  }
  return out;
}

/** Every generated file: path relative to the project root → its content. */
export function generatedFiles(read: (path: string) => string): Record<string, string> {
  const json = (schema: JsonSchema) => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    '.vscode/schemas/article.schema.json': json(SCHEMAS.article()),
    '.vscode/schemas/author.schema.json': json(SCHEMAS.author()),
    '.vscode/schemas/topics.schema.json': json(SCHEMAS.topics()),
    '.vscode/schemas/redirects.schema.json': json(SCHEMAS.redirects()),
    'CONTRIBUTING.md': fillBlocks(read('CONTRIBUTING.md'), 'CONTRIBUTING.md', 'md'),
    'content/pages/contributing.mdx': fillBlocks(read('content/pages/contributing.mdx'), 'content/pages/contributing.mdx', 'mdx'),
  };
}
