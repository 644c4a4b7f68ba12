/**
 * Frontmatter read with positions, and schema issues turned into problems a contributor can act
 * on: the file, the line of the field, the field path and plain words, with a hint.
 */
import { isMap, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'astro/zod';
import type { ContentProblem } from '../validate.ts';

export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
  /** Lines of the file before the YAML starts (1 for the opening `---` of frontmatter). */
  offset: number;
}

/** Parses YAML text; `yaml` keeps YAML 1.2 semantics, so `2019-02-30` stays a string to check. */
export function parseYaml(text: string, offset: number): YamlSource {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: true }), lines, offset };
}

const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** The `---` block at the top of a Markdown or MDX file, or a message saying what is wrong. */
export function readFrontmatter(source: string): YamlSource | string {
  const match = FRONTMATTER.exec(source);
  if (!match) return 'the file must start with a frontmatter block between two --- lines';
  return parseYaml(match[1]!, 1);
}

/** Where the body of a Markdown or MDX file starts: after its frontmatter block, if it has one. */
export function bodyStart(source: string): number {
  return FRONTMATTER.exec(source)?.[0].length ?? 0;
}

type Path = readonly PropertyKey[];

/** Aliases a frontmatter block may expand: enough for any real file, too few for an alias bomb. */
const MAX_ALIASES = 50;

/**
 * The parsed YAML as plain data, or the problem that stops it: a block that is not a list of
 * fields, or aliases that would expand without bound (a "billion laughs" file).
 */
export function dataOf(source: YamlSource, file: string): { data: Record<string, unknown> } | { problem: ContentProblem } {
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return {
      problem: {
        file,
        line: source.offset + 1,
        field: 'YAML',
        message: error instanceof Error ? error.message : String(error),
        hint: 'write each value out instead of using YAML anchors and aliases (& and *)',
      },
    };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      problem: {
        file,
        line: source.offset + 1,
        field: 'frontmatter',
        message: 'the frontmatter must be a list of fields (name: value)',
        hint: 'start each line with a field name and a colon',
      },
    };
  }
  return { data: data as Record<string, unknown> };
}

/** 1-based file line of the node at `path`, or of its nearest ancestor that exists. */
export function lineAt(source: YamlSource, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = (depth === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, depth), true)) as Node | null;
    const start = node?.range?.[0];
    if (start !== undefined) return source.lines.linePos(start).line + source.offset;
  }
  return undefined;
}

/** Line of the key itself (`title:`), which reads better than the value for a missing or bad field. */
export function keyLine(source: YamlSource, path: Path): number | undefined {
  const parent = path.length > 1 ? source.doc.getIn(path.slice(0, -1), true) : source.doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === path.at(-1));
    const start = (pair?.key as Node | undefined)?.range?.[0];
    if (start !== undefined) return source.lines.linePos(start).line + source.offset;
  }
  return lineAt(source, path);
}

export function yamlProblems(source: YamlSource, file: string): ContentProblem[] {
  return source.doc.errors.map((error) => {
    const line = error.linePos?.[0].line;
    const colon = /mapping|implicit keys|compact/i.test(error.message);
    return {
      file,
      line: line === undefined ? undefined : line + source.offset,
      field: 'YAML',
      message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      hint: colon
        ? 'a value that contains ": " or starts with a quote, [ or { must be wrapped in double quotes'
        : 'check the indentation and quoting of this line',
    };
  });
}

/** `authors[1]`, `image.alt`: the way contributors read a field path. */
export function fieldPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** The documented text of the field at `path` (from `.describe()`), unwrapping optional and array layers. */
export function describeField(schema: z.ZodType, path: Path): string | undefined {
  let current: z.ZodType | undefined = schema;
  let description: string | undefined;
  for (const key of path) {
    current = unwrap(current);
    const def = current?._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType } | undefined;
    current = typeof key === 'number' ? def?.element : def?.shape?.[String(key)];
    description = current?.description;
  }
  return description;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

export function shapeKeys(schema: z.ZodType, path: Path): string[] {
  const target = unwrap(path.length === 0 ? schema : (findField(schema, path) ?? schema));
  const shape = (target?._zod.def as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function findField(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    const def = unwrap(current)?._zod.def as { shape?: Record<string, z.ZodType>; element?: z.ZodType } | undefined;
    current = typeof key === 'number' ? def?.element : def?.shape?.[String(key)];
  }
  return current;
}

/** Levenshtein distance, for "did you mean" on misspelt field names. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

function received(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'an empty value';
  if (typeof input === 'object') return 'a group of fields';
  return `${typeof input === 'string' ? 'text' : typeof input} ${JSON.stringify(input)}`;
}

/**
 * Validates `data` against `schema` and reports every issue with its line and a hint. `at` is where
 * `data` sits in the YAML document (a list index for one topic in topics.yaml).
 */
export function schemaProblems(schema: z.ZodType, data: unknown, source: YamlSource, file: string, at: Path = []): ContentProblem[] {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return [];
  const problems: ContentProblem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path;
    const full = [...at, ...path];
    const described = describeField(schema, path);
    const reference = described ? `the field: ${described}` : undefined;
    if (issue.code === 'unrecognized_keys') {
      const allowed = shapeKeys(schema, path);
      for (const key of issue.keys) {
        const near = allowed.find((name) => distance(name, key) <= 2);
        problems.push({
          file,
          line: keyLine(source, [...full, key]),
          field: fieldPath([...full, key]),
          message: `unknown field "${key}"${near ? `; did you mean "${near}"?` : ''}`,
          hint: `allowed fields${path.length ? ` in ${fieldPath(path)}` : ''}: ${allowed.join(', ')}`,
        });
      }
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    let message = issue.message;
    let hint = reference;
    if (input === undefined && issue.code !== 'custom') {
      message = `required field "${fieldPath(path)}" is missing`;
    } else if (issue.code === 'invalid_type') {
      message = `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${received(input)}`;
    } else if (issue.code === 'invalid_union') {
      // The date union: say what the date parser says rather than "invalid input".
      message =
        typeof input === 'string' || input instanceof Date ? `"${String(input)}" is not a date` : `expected a date, got ${received(input)}`;
      hint = 'write the date as YYYY-MM-DD, or a date-time with offset such as 2019-02-28T09:30:00+08:00';
    } else if (issue.code === 'too_big' && typeof input === 'string') {
      message = `${issue.message} (this one has ${input.length}; shorten it by ${input.length - Number(issue.maximum)})`;
    } else if (issue.code === 'custom' && /not a calendar date|not a valid date|must be a date like/.test(issue.message)) {
      hint = 'write the date as YYYY-MM-DD, or a date-time with offset such as 2019-02-28T09:30:00+08:00';
    } else if (issue.code === 'custom' && typeof issue.params?.hint === 'string') {
      hint = issue.params.hint;
    }
    const line = input === undefined && issue.code !== 'custom' ? lineAt(source, full) : keyLine(source, full);
    problems.push({ file, line, field: fieldPath(full) || 'frontmatter', message, hint });
  }
  return problems;
}
