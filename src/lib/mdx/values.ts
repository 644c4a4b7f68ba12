/**
 * The parts of MDX syntax that would be JavaScript, reduced to what the safe dialect allows: an
 * expression that is only a value, component props written as plain values, and the import of an
 * approved component (which needs no import, so it is accepted and ignored).
 */
import type { PropValue, Props } from './components.ts';

/**
 * The value of an expression that is only a value (a string, number, boolean or null), `{}` with
 * no value for a comment or nothing, and `undefined` for anything else, which is JavaScript.
 */
export function plainValue(expression: string): { value?: PropValue } | undefined {
  const source = expression.trim();
  if (source === '' || /^\/\*[\s\S]*?\*\/$/.test(source)) return {};
  if (/^-?\d+(\.\d+)?$/.test(source)) return { value: Number(source) };
  if (/^(true|false|null)$/.test(source)) return { value: JSON.parse(source) as boolean | null };
  if (/^"(?:[^"\\]|\\.)*"$/.test(source)) return { value: unescape(source.slice(1, -1)) };
  if (/^'(?:[^'\\]|\\.)*'$/.test(source)) return { value: unescape(source.slice(1, -1)) };
  return undefined;
}

/** A string literal's text: its backslash escapes (`\n`, `\"`, `\u00e9`…) read as JavaScript would. */
function unescape(body: string): string {
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"')}"`) as string;
  } catch {
    return body;
  }
}

export type MdxAttribute = { type: string; name?: string | null; value?: unknown };

/**
 * The props an element's MDX attributes give: `name="text"`, `name={plain value}`, a bare `name`
 * (true); a comment as the value gives no prop. `refused` describes each attribute that is not a
 * plain value: a spread or JavaScript in braces.
 */
export function propsFromAttributes(attributes: readonly MdxAttribute[]): { props: Props; refused: string[] } {
  const props: Props = {};
  const refused: string[] = [];
  for (const { type, name, value } of attributes) {
    if (type !== 'mdxJsxAttribute' || !name) {
      refused.push(`spread attribute {${String(value ?? '').trim()}}`);
    } else if (value === null || value === undefined) {
      props[name] = true;
    } else if (typeof value === 'string') {
      props[name] = value;
    } else {
      const expression = String((value as { value?: unknown }).value ?? '');
      const evaluated = plainValue(expression);
      if (!evaluated) refused.push(`${name}={${expression.trim().slice(0, 40)}}`);
      else if (evaluated.value !== undefined) props[name] = evaluated.value;
    }
  }
  return { props, refused };
}

/**
 * Why an ESM statement is not allowed, or `undefined` for the default import of an approved
 * component from `src/components/mdx/<Name>.astro` under its own name, which older articles carry.
 * The statement is never run, so its path is only read, never resolved, and needs no file there.
 */
export function refuseStatement(statement: string, approved: readonly string[]): string | undefined {
  const text = statement.trim().replace(/;$/, '');
  const match = /^import\s+([A-Za-z]\w*)\s+from\s+(['"])([^'"]+)\2$/.exec(text);
  if (!match) {
    return /^import\b/.test(text)
      ? 'only a default import of an approved component is allowed'
      : '`export` and other JavaScript statements are not allowed in articles';
  }
  const [, name, , specifier] = match as unknown as [string, string, string, string];
  const component = /(?:^|\/)src\/components\/mdx\/([A-Za-z]\w*)\.astro$/.exec(specifier)?.[1];
  if (!component || !approved.includes(component)) return `"${specifier}" is not an approved component`;
  if (component !== name) return `import ${component} under its own name`;
  return undefined;
}

/** Splits an ESM block into statements well enough to judge each import (one per line is the norm). */
export function statements(value: string): string[] {
  return value
    .split(/;\s*\n|\n(?=\s*(?:import|export)\b)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
