/**
 * The one compiler of the safe dialect. Articles and docs pages (MDX) and author bios (Markdown
 * with HTML) become HTML here, for the pages, the feeds, the dev server and the content check
 * alike, so what the check accepts is exactly what readers get.
 *
 * 1. Parse once with Satteri (GFM and smart punctuation, as Astro's Markdown has them).
 * 2. Reduce MDX to data: an expression must be a plain value, a component must be approved and
 *    its props plain values that pass its own check; approved components become their HTML.
 * 3. Hold every element and attribute to the allowlist (allowlist.ts) and every URL to the URL
 *    policy (../url-policy.ts), reporting each refusal with its line and column.
 * 4. Sanitise the result again with hast-util-sanitize and the same allowlist, so nothing the
 *    report missed can reach a page or a feed.
 * 5. Finish: heading ids, the base path on site links, and Astro's marker on local images.
 *
 * Refused content is removed and reported, never passed through: the build stops on any problem,
 * and the dev server shows the problems over a page that carries only what is allowed.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import GithubSlugger from 'github-slugger';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { find, html as htmlSpace } from 'property-information';
import { markdownToHast, mdxToHast } from 'satteri';
import { countWords } from '../reading.ts';
import type { Heading } from '../toc.ts';
import { isSitePath, lowerScheme, refuseUrl } from '../url-policy.ts';
import type { ContentProblem } from '../validate.ts';
import {
  allowedAttributes,
  allowsValue,
  definitionOf,
  DROPPED_WITH_CONTENT,
  ELEMENT_REASONS,
  ELEMENTS,
  SANITIZE_SCHEMA,
  URL_PROPERTIES,
} from './allowlist.ts';
import { APPROVED_COMPONENTS, h, isApprovedComponent } from './components.ts';
import { plainValue, propsFromAttributes, refuseStatement, statements, type MdxAttribute } from './values.ts';

export interface CompileOptions {
  /** The file as problems name it (relative to the project root). */
  file: string;
  /** `mdx` for articles and docs pages; `md` for author bios, Markdown whose HTML is parsed too. */
  format: 'mdx' | 'md';
  /** Prefixes a root-relative URL with the site's base path. */
  withBase(path: string): string;
}

/** A URL in the body and where it was written. */
export interface Reference {
  url: string;
  line?: number | undefined;
  column?: number | undefined;
}

export interface Compiled {
  html: string;
  headings: Heading[];
  /** Local images as written (decoded, relative to the file), for Astro to optimise. */
  imagePaths: string[];
  /** Each local image with its position, for the content check to find the file. */
  images: Reference[];
  /** Each link to a path on this site with its position, for the content check to follow. */
  links: Reference[];
  words: number;
  problems: ContentProblem[];
}

/** Deeper than any article needs, shallow enough that no recursion here can run out of stack. */
export const MAX_DEPTH = 64;

const APPROVED = Object.keys(APPROVED_COMPONENTS);
const COMPONENT_LIST = APPROVED.join(', ');
const ALLOWED_ELEMENTS = new Set(ELEMENTS);
const DROPPED = new Set(DROPPED_WITH_CONTENT);

type Point = { line: number; column: number };
type Positioned = { position?: { start: Point } | undefined };
type MdxNode = RootContent &
  Positioned & { name?: string | null; value?: string; attributes?: MdxAttribute[]; children?: MdxNode[]; tagName?: string };

/** Reports problems of one file, at a node's position. */
class Report {
  readonly problems: ContentProblem[] = [];
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  add(at: Positioned | undefined, field: string, message: string, hint?: string): void {
    const start = at?.position?.start;
    this.problems.push({ file: this.file, line: start?.line, column: start?.column, field, message, hint });
  }
}

export function compile(source: string, options: CompileOptions): Compiled {
  const { tree, problems } = checkedTree(source, options);
  if (!tree) return { html: '', headings: [], imagePaths: [], images: [], links: [], words: 0, problems };
  const safe = sanitize(tree, SANITIZE_SCHEMA) as Root;
  return { ...finish(safe, options), html: toHtml(safe), words: countWords(source), problems };
}

/**
 * What the content check needs of a body: its problems, and the images and site links it names,
 * from the same passes as `compile`, without making HTML nobody reads.
 */
export function examineBody(source: string, options: CompileOptions): Pick<Compiled, 'problems' | 'images' | 'links'> {
  const { tree, problems } = checkedTree(source, options);
  if (!tree) return { problems, images: [], links: [] };
  const { images, links } = finish(tree, options);
  return { problems, images, links };
}

/**
 * Passes 1 to 3: the tree with every refusal removed and reported. Exported so the tests can show
 * that the sanitiser finds nothing left to remove in it, i.e. that every refusal was reported.
 */
export function checkedTree(source: string, options: CompileOptions): { tree?: Root; problems: ContentProblem[] } {
  const report = new Report(options.file);
  let tree: Root;
  try {
    tree = parse(source, options.format);
  } catch (error) {
    reportParseError(report, error, options.format);
    return { problems: report.problems };
  }
  try {
    tree.children = reduceMdx(tree.children as MdxNode[], report, 0) as RootContent[];
    if (options.format === 'md') locateHtml(tree, source);
    holdToAllowlist(tree, report);
    return { tree, problems: report.problems };
  } catch (error) {
    // A tree this code cannot walk (it should not happen) is reported, never published half-done.
    report.add(undefined, options.format === 'mdx' ? 'MDX' : 'Markdown', `could not be compiled: ${messageOf(error)}`);
    return { problems: report.problems };
  }
}

function parse(source: string, format: 'mdx' | 'md'): Root {
  const features = { gfm: true, smartPunctuation: true } as const;
  return (
    format === 'mdx' ? mdxToHast(source, { features }) : markdownToHast(source, { features: { ...features, rawHtml: true } })
  ) as Root;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function reportParseError(report: Report, error: unknown, format: 'mdx' | 'md'): void {
  const text = messageOf(error);
  const at = /^(\d+):(\d+):\s*/.exec(text);
  const position = at ? { position: { start: { line: Number(at[1]), column: Number(at[2]) } } } : undefined;
  // Satteri ends its messages with the position again and its rule's name: both said elsewhere.
  const message = text.replace(/^\d+:\d+:\s*/, '').replace(/(\s*\((\d+:\d+|[a-z-]+:[a-z-]+)\))+\s*$/, '');
  if (/call stack|too much recursion/i.test(text)) {
    report.add(
      position,
      format === 'mdx' ? 'MDX' : 'Markdown',
      'the text is nested too deeply to read',
      'flatten the nested lists or quotes',
    );
    return;
  }
  report.add(
    position,
    format === 'mdx' ? 'MDX' : 'Markdown',
    message,
    'every <Tag> needs a closing </Tag> (or write <Tag />); write { and < as \\{ and \\< in text',
  );
}

/** Pass 2: MDX nodes become plain HAST; approved components become their HTML. */
function reduceMdx(nodes: MdxNode[], report: Report, depth: number, within?: Positioned): ElementContent[] {
  if (depth > MAX_DEPTH && nodes.length > 0) {
    // Deep nodes may carry no position of their own: the nearest element that does gives the line.
    const at = nodes.find((node) => node.position) ?? within;
    report.add(at, 'nesting', `more than ${MAX_DEPTH} levels of nested elements`, 'flatten the nested lists, quotes or tags');
    return [];
  }
  return nodes.flatMap((node): ElementContent[] => {
    switch (node.type) {
      case 'mdxjsEsm':
        for (const statement of statements(node.value ?? '')) {
          const reason = refuseStatement(statement, APPROVED);
          if (reason) {
            report.add(node, 'import', `${reason}: ${statement.split('\n')[0]}`, `approved components need no import: ${COMPONENT_LIST}`);
          }
        }
        return [];
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const evaluated = plainValue(node.value ?? '');
        if (!evaluated) {
          report.add(
            node,
            'expression',
            `{${(node.value ?? '').trim().slice(0, 40)}} is JavaScript, which articles may not run`,
            'write the text itself; to show a brace, write \\{',
          );
          return [];
        }
        const { value } = evaluated;
        return typeof value === 'string' || typeof value === 'number' ? [{ type: 'text', value: String(value) }] : [];
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return reduceJsx(node, report, depth, within);
      case 'element': {
        const element = node as unknown as Element;
        element.children = reduceMdx(element.children as MdxNode[], report, depth + 1, element.position ? element : within);
        alignmentAsClass(element);
        return [element];
      }
      case 'text':
        return [node as ElementContent];
      default:
        // Comments, raw HTML left unparsed and anything else a parser may add: not text of the article.
        return [];
    }
  });
}

/** A JSX tag: an approved component, a lower-case HTML element, or a refusal. */
function reduceJsx(node: MdxNode, report: Report, depth: number, within?: Positioned): ElementContent[] {
  const name = node.name ?? '';
  const children = reduceMdx(node.children ?? [], report, depth + 1, node.position ? node : within);
  // A fragment (<>…</>) is only its children.
  if (name === '') return children;
  const { props, refused } = propsFromAttributes(node.attributes ?? []);
  for (const attribute of refused) {
    report.add(
      node,
      `<${name}>`,
      `${attribute} is JavaScript, which articles may not run`,
      'write each attribute as name="text" or name={123}',
    );
  }
  if (isApprovedComponent(name)) {
    const component = APPROVED_COMPONENTS[name];
    const problems = component.check(props);
    for (const problem of problems) report.add(node, `<${name}>`, problem, `for example: ${component.example}`);
    if (problems.length > 0) return children;
    return [withPosition(component.render(props, children), node)];
  }
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    report.add(node, `<${name}>`, `unknown component <${name}>`, `approved components: ${COMPONENT_LIST}`);
    return children;
  }
  const properties: Properties = {};
  for (const [attribute, value] of Object.entries(props)) {
    if (value === null) continue;
    const info = find(htmlSpace, attribute);
    // `class="a b"` and `rel="a b"` are lists in HAST, checked value by value.
    properties[info.property] = info.spaceSeparated && typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
  }
  return [withPosition(h(name, properties, children), node)];
}

/** Gives a component's HTML the position of its tag, so a refusal inside it points there. */
function withPosition(element: Element, at: Positioned): Element {
  const position = at.position;
  const visit = (node: Element) => {
    if (!node.position && position) node.position = position as Element['position'];
    for (const child of node.children) if (child.type === 'element') visit(child);
  };
  visit(element);
  return element;
}

/** GFM writes a table column's alignment as an inline style, which the CSP blocks: a class instead. */
function alignmentAsClass(element: Element): void {
  if (element.tagName !== 'th' && element.tagName !== 'td') return;
  const align = /^text-align:\s*(left|center|right)$/.exec(String(element.properties.style ?? ''))?.[1];
  if (!align) return;
  element.properties.className = [`align-${align}`];
  delete element.properties.style;
}

/** Pass 3: every element and attribute against the allowlist, every URL against the URL policy. */
function holdToAllowlist(root: Root, report: Report): void {
  const walk = (parent: { children: (RootContent | ElementContent)[] }, inherited: Positioned | undefined, stack: string[]) => {
    parent.children = parent.children.flatMap((child): ElementContent[] => {
      if (child.type !== 'element') return child.type === 'text' ? [child] : [];
      const at = child.position ? child : inherited;
      // Refused with everything inside it: one report, for the element itself.
      if (DROPPED.has(child.tagName)) return allowElement(child, at, stack, report);
      walk(child, at, [...stack, child.tagName]);
      return allowElement(child, at, stack, report);
    });
  };
  walk(root, undefined, []);
}

function allowElement(element: Element, at: Positioned | undefined, ancestors: string[], report: Report): ElementContent[] {
  const tag = element.tagName;
  const within = SANITIZE_SCHEMA.ancestors?.[tag];
  if (ALLOWED_ELEMENTS.has(tag) && within && !within.some((name) => ancestors.includes(name))) {
    report.add(
      at,
      `<${tag}>`,
      `<${tag}> is only allowed inside <${within.join('>, <')}>`,
      'write the table in Markdown, or wrap it in <table>',
    );
    return element.children;
  }
  if (!ALLOWED_ELEMENTS.has(tag)) {
    const known = ELEMENT_REASONS[tag];
    report.add(
      at,
      `<${tag}>`,
      `<${tag}> is not allowed${known ? `: ${known.reason}` : ''}`,
      known?.hint ?? `use Markdown or an approved component: ${COMPONENT_LIST}`,
    );
    return DROPPED.has(tag) ? [] : element.children;
  }
  if (tag === 'input' && element.properties.type !== 'checkbox') {
    report.add(at, '<input>', '<input> is only allowed as a task-list checkbox', 'write - [ ] or - [x] at the start of a list item');
    return [];
  }
  for (const [property, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null) {
      delete element.properties[property];
      continue;
    }
    const kept = allowProperty(tag, property, value, at, report);
    if (kept === undefined) delete element.properties[property];
    else element.properties[property] = kept;
  }
  // What the allowlist requires of an element it keeps (a task-list checkbox is disabled).
  Object.assign(element.properties, { ...SANITIZE_SCHEMA.required?.[tag], ...element.properties });
  return [element];
}

/** The value of `property` that may stay (classes are kept one by one), or `undefined`. */
function allowProperty(tag: string, property: string, value: unknown, at: Positioned | undefined, report: Report): Properties[string] {
  const attribute = find(htmlSpace, property).attribute;
  const field = `<${tag}> ${attribute}`;
  const definition = definitionOf(tag, property);
  if (!definition) {
    report.add(at, field, refusedAttributeMessage(tag, attribute), refusedAttributeHint(tag, attribute));
    return undefined;
  }
  if (Array.isArray(value)) {
    const kept = value.filter((item) => allowsValue(definition, item));
    const dropped = value.filter((item) => !allowsValue(definition, item));
    if (dropped.length > 0) report.add(at, field, `${attribute}="${dropped.join(' ')}" is not allowed on <${tag}>`, 'remove it');
    return kept.length > 0 ? (kept as string[]) : undefined;
  }
  if (!allowsValue(definition, value)) {
    report.add(at, field, `${attribute}="${String(value)}" is not allowed on <${tag}>`, 'remove it');
    return undefined;
  }
  const use = URL_PROPERTIES[property];
  if (use && typeof value === 'string') {
    const refusal = refuseUrl(value, use);
    if (refusal) {
      report.add(at, tag === 'img' && property === 'src' ? 'image' : property === 'href' ? 'link' : field, refusal.message, refusal.hint);
      return undefined;
    }
    return lowerScheme(value);
  }
  return value as Properties[string];
}

function refusedAttributeMessage(tag: string, attribute: string): string {
  if (/^on/i.test(attribute)) return `event handler ${attribute} is not allowed: scripts cannot run in articles`;
  if (attribute === 'style') return 'inline styles are not allowed (the CSP blocks them)';
  if (attribute === 'set:html' || attribute === 'dangerouslySetInnerHTML') return `${attribute} injects raw HTML and is not allowed`;
  return `${attribute} is not allowed on <${tag}>`;
}

function refusedAttributeHint(tag: string, attribute: string): string {
  if (/^on/i.test(attribute)) return 'remove the attribute';
  if (attribute === 'style') return `use an approved component: ${COMPONENT_LIST}`;
  return `allowed on <${tag}>: ${allowedAttributes(tag)
    .map((name) => find(htmlSpace, name).attribute)
    .join(', ')}`;
}

/** Pass 5, on the sanitised tree: heading ids, site links with the base path, images for Astro. */
function finish(tree: Root, options: CompileOptions): Omit<Compiled, 'html' | 'words' | 'problems'> {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const imagePaths = new Set<string>();
  const images: Reference[] = [];
  const links: Reference[] = [];
  const imageIndex = new Map<string, number>();

  const at = (element: Element) => ({ line: element.position?.start.line, column: element.position?.start.column });
  const visit = (element: Element) => {
    const { tagName, properties } = element;
    if (/^h[1-6]$/.test(tagName)) {
      const text = textOf(element);
      const slug = typeof properties.id === 'string' ? properties.id : slugger.slug(text);
      properties.id = slug;
      headings.push({ depth: Number(tagName[1]), slug, text });
    } else if (tagName === 'a' && typeof properties.href === 'string') {
      if (isSitePath(properties.href) && !properties.href.startsWith('#')) links.push({ url: properties.href, ...at(element) });
      properties.href = options.withBase(properties.href);
    } else if (tagName === 'img' && typeof properties.src === 'string') {
      const src = properties.src;
      if (src.startsWith('/')) {
        properties.src = options.withBase(src);
      } else {
        const path = decodePath(src);
        images.push({ url: path, ...at(element) });
        imagePaths.add(path);
        const index = imageIndex.get(path) ?? 0;
        imageIndex.set(path, index + 1);
        // Astro's content-image marker: `render(entry)` swaps it for the optimised image's attributes.
        const { className, ...rest } = properties;
        element.properties = { __ASTRO_IMAGE_: JSON.stringify({ ...rest, src: path, index }), ...(className ? { className } : {}) };
      }
    } else if ((tagName === 'video' || tagName === 'track') && typeof properties.src === 'string') {
      properties.src = options.withBase(properties.src);
      if (typeof properties.poster === 'string') properties.poster = options.withBase(properties.poster);
    }
    for (const child of element.children) if (child.type === 'element') visit(child);
  };
  for (const child of tree.children) if (child.type === 'element') visit(child);
  return { headings, imagePaths: [...imagePaths], images, links };
}

/**
 * Satteri parses the HTML in Markdown after the Markdown, and the elements of that second pass come
 * without positions. Their positions are taken from a parse that keeps the HTML as raw text: its
 * elements and the tags inside its raw HTML, in document order, are handed out tag name by tag
 * name to the elements of the full parse, so a refusal names its line and column.
 */
function locateHtml(tree: Root, source: string): void {
  const queues = new Map<string, Point[]>();
  const push = (tag: string, point: Point) => queues.set(tag, [...(queues.get(tag) ?? []), point]);
  const collect = (node: RootContent | Root) => {
    const start = (node as Positioned).position?.start;
    if (node.type === 'element' && start) push(node.tagName, start);
    if (node.type === 'raw' && start) {
      for (const match of node.value.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g))
        push(match[1]!.toLowerCase(), advance(start, node.value.slice(0, match.index)));
    }
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(markdownToHast(source, { features: { gfm: true, smartPunctuation: true } }) as Root);
  const visit = (element: Element) => {
    const start = element.position ? undefined : queues.get(element.tagName)?.shift();
    if (start) element.position = { start, end: start };
    for (const child of element.children) if (child.type === 'element') visit(child);
  };
  for (const child of tree.children) if (child.type === 'element') visit(child);
}

/** The point `text` further on from `start`. */
function advance(start: Point, text: string): Point {
  const lines = text.split('\n');
  return lines.length === 1
    ? { line: start.line, column: start.column + text.length }
    : { line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/** A path as written in Markdown (`./chart%20one.png`) as a file path; a malformed escape stays as written. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}
