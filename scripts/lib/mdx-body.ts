/**
 * Checks of an MDX body. MDX is code: an `import` runs at build time and an expression in braces
 * is JavaScript. An article may use the approved components and plain Markdown, nothing that
 * executes: no imports other than the approved components, no exports, no expressions other than
 * plain values, no `<script>`, event handlers, `<iframe>` or `javascript:` URLs. Links to articles,
 * authors and topics that do not exist, and local images that are missing, are reported here too,
 * so a contributor sees them before a build.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mdxToMdast, type MdastNode } from 'satteri';
import { APPROVED_COMPONENTS, isApprovedComponent } from '../../src/lib/mdx/components.ts';
import { plainValue, propsFromAttributes } from '../../src/lib/mdx/render.ts';
import type { ContentProblem } from '../../src/lib/validate.ts';
import { distance } from './frontmatter.ts';

export interface BodyContext {
  /** Path printed in messages. */
  file: string;
  /** Absolute path of the file, to resolve relative imports and images. */
  absolutePath: string;
  /** Absolute path of `src/components/mdx/`. */
  componentsDir: string;
  /** The URL path the page is published at, e.g. `/articles/x/`, to resolve relative links. */
  pagePath: string;
  /** Ids that exist, per collection with pages, to check links to `/articles/<id>/` and the like. */
  known: { articles: ReadonlySet<string>; authors: ReadonlySet<string>; topics: ReadonlySet<string> };
}

const APPROVED = Object.keys(APPROVED_COMPONENTS);
const COMPONENT_LIST = APPROVED.join(', ');

/** Elements that run code, load other sites or change the page around the article. */
const FORBIDDEN_ELEMENTS: Record<string, string> = {
  script: 'scripts cannot run in articles',
  iframe: `embedded pages load other sites' code; use <Video> or <MapEmbed>`,
  frame: 'frames are not allowed',
  frameset: 'frames are not allowed',
  object: 'plug-in content is not allowed; use <Video> or a link',
  embed: 'plug-in content is not allowed; use <Video> or a link',
  applet: 'plug-in content is not allowed',
  style: 'styles belong to the site theme; describe what you need in the pull request',
  link: 'page resources are set by the layout',
  meta: 'page metadata comes from the frontmatter',
  base: 'the base URL is set by the site',
  form: 'forms are not allowed in articles',
};

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'xlink:href']);
const DANGEROUS_URL = /^\s*(javascript|vbscript|data\s*:\s*text\/html)/i;

/** An expression that is only a value: a string, number, boolean or a comment. */
const isPlainValue = (expression: string): boolean => plainValue(expression) !== undefined;

/** `import Name from './relative/path/src/components/mdx/Name.astro'` of an approved component, or a reason. */
function checkImport(statement: string, context: BodyContext): string | undefined {
  const match = /^import\s+([A-Za-z]\w*)\s+from\s+(['"])([^'"]+)\2;?$/.exec(statement.trim());
  if (!match) {
    return /^import\b/.test(statement.trim())
      ? 'only a default import of an approved component is allowed'
      : '`export` and other JavaScript statements are not allowed in articles';
  }
  const [, name, , specifier] = match as unknown as [string, string, string, string];
  const target = resolve(dirname(context.absolutePath), specifier);
  const approved = APPROVED.find((component) => resolve(context.componentsDir, `${component}.astro`) === target);
  if (!approved) return `"${specifier}" is not an approved component`;
  if (approved !== name) return `import ${approved} under its own name`;
  return undefined;
}

type Node = MdastNode & {
  name?: string | null;
  value?: string;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
};

/** Splits ESM into statements well enough to judge each import (one per line is the norm). */
function statements(value: string): string[] {
  return value
    .split(/;\s*\n|\n(?=\s*(?:import|export)\b)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkMdxBody(source: string, context: BodyContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const report = (line: number | undefined, field: string, message: string, hint?: string) =>
    problems.push({ file: context.file, line, field, message, hint });

  let tree: Node;
  try {
    tree = mdxToMdast(source) as Node;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const at = /^(\d+):(\d+):\s*/.exec(text);
    report(
      at ? Number(at[1]) : undefined,
      'MDX',
      text.replace(/^\d+:\d+:\s*/, '').replace(/\s*\(\d+:\d+\)\s*\([^)]*\)\s*$/, ''),
      'every <Tag> needs a closing </Tag> (or write <Tag />); write { and < as \\{ and \\< in text',
    );
    return problems;
  }

  const checkUrl = (url: string, line: number | undefined, field: string) => {
    if (DANGEROUS_URL.test(url)) {
      report(line, field, `"${url.slice(0, 40)}" is a script URL and is not allowed`, 'link to a page instead');
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) || url.startsWith('#')) return;
    const target = new URL(url, `https://site.invalid${context.pagePath}`);
    const [, collection, id] = /^\/(articles|authors|topics)\/([^/]+)\/?$/.exec(target.pathname) ?? [];
    if (collection && id && !context.known[collection as keyof BodyContext['known']].has(id)) {
      const near = [...context.known[collection as keyof BodyContext['known']]]
        .map((candidate) => ({ candidate, d: distance(candidate, id) }))
        .sort((a, b) => a.d - b.d)[0];
      report(
        line,
        field,
        `links to ${target.pathname}, but there is no ${collection.slice(0, -1)} "${id}"`,
        near && near.d <= Math.max(3, id.length / 3)
          ? `did you mean /${collection}/${near.candidate}/?`
          : `the id is the file name in ${collection === 'topics' ? 'topics.yaml' : `${collection}/`}; check the spelling`,
      );
    }
  };

  const checkImage = (url: string, line: number | undefined) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
      report(
        line,
        'image',
        `remote image "${url}" is not allowed`,
        'put the image file beside the article and link it with a relative path',
      );
    } else if (!url.startsWith('/') && !existsSync(resolve(dirname(context.absolutePath), decodeURI(url)))) {
      report(line, 'image', `image file "${url}" not found`, 'the path is relative to the article file');
    }
  };

  const visit = (node: Node) => {
    const line = node.position?.start.line;
    switch (node.type) {
      case 'mdxjsEsm':
        for (const statement of statements(node.value ?? '')) {
          const reason = checkImport(statement, context);
          if (reason) {
            report(line, 'import', `${reason}: ${statement.split('\n')[0]}`, `approved components need no import: ${COMPONENT_LIST}`);
          }
        }
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isPlainValue(node.value ?? '')) {
          report(
            line,
            'expression',
            `{${(node.value ?? '').trim().slice(0, 40)}} is JavaScript, which articles may not run`,
            'write the text itself; to show a brace, write \\{',
          );
        }
        break;
      case 'link':
      case 'definition':
        checkUrl(node.url ?? '', line, 'link');
        break;
      case 'image':
        checkImage(node.url ?? '', line);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, line);
        break;
    }
    node.children?.forEach(visit);
  };

  const checkElement = (node: Node, line: number | undefined) => {
    const name = node.name ?? '';
    const tag = `<${name}>`;
    if (FORBIDDEN_ELEMENTS[name.toLowerCase()]) {
      report(line, tag, `${tag} is not allowed: ${FORBIDDEN_ELEMENTS[name.toLowerCase()]}`, `approved components: ${COMPONENT_LIST}`);
    } else if (/^[A-Z]|\./.test(name) && !APPROVED.includes(name)) {
      report(line, tag, `unknown component ${tag}`, `approved components: ${COMPONENT_LIST}`);
    }
    for (const attribute of node.attributes ?? []) {
      if (attribute.type === 'mdxJsxExpressionAttribute') {
        report(
          line,
          tag,
          `spread attribute {${String(attribute.value).trim()}} is JavaScript, which articles may not run`,
          'write each attribute as name="value"',
        );
        continue;
      }
      const attr = attribute.name ?? '';
      const value = attribute.value;
      if (/^on/i.test(attr)) {
        report(line, `${tag} ${attr}`, `event handler ${attr} is not allowed: scripts cannot run in articles`, 'remove the attribute');
      } else if (attr === 'set:html' || attr === 'dangerouslySetInnerHTML') {
        report(line, `${tag} ${attr}`, `${attr} injects raw HTML and is not allowed`, 'write the content as Markdown');
      } else if (attr === 'style') {
        report(line, `${tag} ${attr}`, 'inline styles are not allowed (the CSP blocks them)', 'use an approved component');
      }
      if (value && typeof value === 'object') {
        const expression = String((value as { value?: unknown }).value ?? '');
        if (!isPlainValue(expression)) {
          report(
            line,
            `${tag} ${attr}`,
            `attribute value {${expression.trim().slice(0, 40)}} is JavaScript, which articles may not run`,
            `write ${attr}="text" or ${attr}={123}`,
          );
        }
      } else if (typeof value === 'string' && URL_ATTRIBUTES.has(attr.toLowerCase())) {
        if (name === 'img' || (name === 'video' && attr === 'poster')) checkImage(value, line);
        else checkUrl(value, line, `${tag} ${attr}`);
      }
    }
    if (isApprovedComponent(name)) {
      // Spreads and JavaScript values were reported above; the props that remain are checked.
      const { props } = propsFromAttributes(node.attributes ?? []);
      for (const problem of APPROVED_COMPONENTS[name].check(props)) {
        report(line, tag, problem, `for example: ${APPROVED_COMPONENTS[name].example}`);
      }
    }
  };

  visit(tree);
  return problems;
}
