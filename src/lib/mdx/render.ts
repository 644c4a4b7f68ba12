/**
 * Renders an article's MDX body to an HTML string. The content check (scripts/lib/mdx-body.ts)
 * allows only a safe dialect of MDX: Markdown, the approved components with plain-value props, and
 * expressions that are plain values. That dialect needs no JavaScript to render, so it is turned
 * into HTML once, when the content is loaded, like a `.md` entry, instead of being compiled into a
 * module per article that Astro must bundle and load on every build (at 10,000 articles that
 * bundling alone took 30 to 40 s and most of the build's memory).
 *
 * The output follows Astro's own Markdown rendering: heading ids from github-slugger, and local
 * images marked with `__ASTRO_IMAGE_` so `render(entry)` optimises them like any content image.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import { find, html as htmlSchema } from 'property-information';
import { mdxToHast } from 'satteri';
import { APPROVED_COMPONENTS, h, isApprovedComponent, type ComponentContext, type PropValue, type Props } from './components.ts';

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedBody {
  html: string;
  headings: Heading[];
  /** Local images, as written (relative to the entry file), for Astro to import and optimise. */
  imagePaths: string[];
}

export interface RenderOptions extends ComponentContext {
  /** The file, for error messages. */
  file: string;
}

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
type MdxNode = RootContent & { name?: string | null; value?: string; attributes?: MdxAttribute[]; children?: MdxNode[] };

/**
 * The props an element's MDX attributes give: `name="text"`, `name={plain value}`, a bare `name`
 * (true); a comment as the value gives no prop. `refused` names what is not a plain value: a
 * spread attribute or JavaScript in braces. The content check reports those with their own
 * messages; the renderer refuses them.
 */
export function propsFromAttributes(attributes: readonly MdxAttribute[]): { props: Props; refused: string[] } {
  const props: Props = {};
  const refused: string[] = [];
  for (const { type, name, value } of attributes) {
    if (type !== 'mdxJsxAttribute' || !name) {
      refused.push('a spread attribute');
    } else if (value === null || value === undefined) {
      props[name] = true;
    } else if (typeof value === 'string') {
      props[name] = value;
    } else {
      const expression = String((value as { value?: unknown }).value ?? '');
      const evaluated = plainValue(expression);
      if (!evaluated) refused.push(`${name}={${expression}}`);
      else if (evaluated.value !== undefined) props[name] = evaluated.value;
    }
  }
  return { props, refused };
}

/** An HTML tag written as JSX (`<abbr title="…">`) with its attributes as HAST properties. */
function htmlElement(name: string, props: Props, children: ElementContent[]): Element {
  const properties: Properties = {};
  for (const [attribute, value] of Object.entries(props)) {
    if (value !== null) properties[find(htmlSchema, attribute).property] = value;
  }
  return h(name, properties, children);
}

function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as ElementContent)).join('') : '';
}

const isLocalPath = (url: string) => !URL.canParse(url) && !url.startsWith('/') && !url.startsWith('#');

export function renderMdxBody(body: string, options: RenderOptions): RenderedBody {
  // The features Astro's Markdown uses by default: GFM (tables, footnotes…) and smart punctuation.
  const tree = mdxToHast(body, { features: { gfm: true, smartPunctuation: true }, position: false }) as Root;
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const imagePaths = new Set<string>();
  const imageIndex = new Map<string, number>();

  /** Astro's content-image marker: `render(entry)` swaps it for the optimised image's attributes. */
  const markImage = (element: Element) => {
    const { src, className, ...rest } = element.properties;
    if (typeof src !== 'string') return;
    if (!isLocalPath(src)) {
      element.properties.src = options.withBase(src);
      return;
    }
    const path = decodeURI(src);
    imagePaths.add(path);
    const index = imageIndex.get(src) ?? 0;
    imageIndex.set(src, index + 1);
    element.properties = { __ASTRO_IMAGE_: JSON.stringify({ ...rest, src: path, index }), ...(className ? { className } : {}) };
  };

  const finishElement = (element: Element): Element => {
    const { tagName, properties } = element;
    // GFM writes a column's alignment as an inline style, which the CSP blocks: a class instead.
    const align = /^text-align:\s*(left|center|right)$/.exec(String(properties.style ?? ''))?.[1];
    if (align) properties.className = [`align-${align}`];
    delete properties.style;
    if (tagName === 'a' && typeof properties.href === 'string') {
      properties.href = options.withBase(properties.href);
    } else if (tagName === 'img') {
      markImage(element);
    } else if (/^h[1-6]$/.test(tagName)) {
      const text = textOf(element);
      const slug = typeof properties.id === 'string' ? properties.id : slugger.slug(text);
      properties.id = slug;
      headings.push({ depth: Number(tagName[1]), slug, text });
    }
    return element;
  };

  const convert = (nodes: MdxNode[]): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      switch (node.type) {
        case 'mdxjsEsm':
          // Imports of approved components (the check allows no other): they need none here.
          return [];
        case 'mdxFlowExpression':
        case 'mdxTextExpression': {
          const evaluated = plainValue(node.value ?? '');
          if (!evaluated) throw new Error(`${options.file}: {${node.value}} is JavaScript, not a plain value`);
          const { value } = evaluated;
          return typeof value === 'string' || typeof value === 'number' ? [{ type: 'text', value: String(value) }] : [];
        }
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const name = node.name ?? '';
          const { props, refused } = propsFromAttributes(node.attributes ?? []);
          if (refused.length)
            throw new Error(`${options.file}: <${name}> has ${refused.join(', ')}: write each attribute as name="value" or name={123}`);
          const children = convert(node.children ?? []);
          if (isApprovedComponent(name)) {
            const component = APPROVED_COMPONENTS[name];
            const problems = component.check(props);
            if (problems.length) throw new Error(`${options.file}: <${name}>: ${problems.join('; ')}`);
            return [component.render(props, children, options)];
          }
          if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`${options.file}: <${name}> is not an approved component`);
          return [finishElement(htmlElement(name, props, children))];
        }
        case 'element':
          node.children = convert(node.children as MdxNode[]);
          return [finishElement(node)];
        default:
          return [node as ElementContent];
      }
    });

  tree.children = convert(tree.children as MdxNode[]);
  return { html: toHtml(tree), headings, imagePaths: [...imagePaths] };
}
