/**
 * The security corpus through the compiler: every vector is refused with its line, or comes out
 * as HTML that carries nothing that can run (test/inert.ts); refused or not, the output is inert,
 * since the dev server shows what is allowed of a refused file. And every refusal is reported:
 * after the compiler's own check, hast-util-sanitize with the same allowlist finds nothing left to
 * remove. test/builds/security-corpus.test.ts runs the same corpus through `astro build`.
 */
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { SANITIZE_SCHEMA } from '../../src/lib/mdx/allowlist.ts';
import { checkedTree, compile, type CompileOptions } from '../../src/lib/mdx/compile.ts';
import { makePaths } from '../../src/lib/urls.ts';
import { BIO_VECTORS, BODY_VECTORS, type BodyVector } from '../fixtures/xss-vectors.ts';
import { scriptVectors } from '../inert.ts';

const FRONTMATTER = '---\ntitle: Vector\n---\n\n';
const BODY_LINE = 5;
const { withBase } = makePaths('/');

const cases: [string, BodyVector, CompileOptions['format']][] = [
  ...BODY_VECTORS.map((vector): [string, BodyVector, 'mdx'] => [`article: ${vector.name}`, vector, 'mdx']),
  ...BIO_VECTORS.map((vector): [string, BodyVector, 'md'] => [`bio: ${vector.name}`, vector, 'md']),
];

describe('the security corpus', () => {
  it('holds at least 80 vectors', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  describe.each(cases)('%s', (_name, vector, format) => {
    const options = { file: 'content/articles/vector.mdx', format, withBase };
    const source = FRONTMATTER + vector.mdx;
    const result = compile(source, options);

    it('is refused with its line, or compiled to inert HTML', () => {
      expect(scriptVectors(result.html)).toEqual([]);
      if (vector.text !== undefined) {
        // Markup written as text: accepted, and readers see the text.
        expect(result.problems).toEqual([]);
        expect(parseHTML(`<html><body>${result.html}</body></html>`).document.body.textContent).toContain(vector.text);
      }
      for (const problem of result.problems) {
        expect(problem.line, `${problem.field}: ${problem.message}`).toBeGreaterThanOrEqual(BODY_LINE);
        expect(problem.hint ?? '').not.toBe('');
      }
    });

    it('has every removal reported: the sanitiser finds nothing left to remove', () => {
      const { tree } = checkedTree(source, options);
      if (!tree) {
        // Not even parsed: nothing of it is published, and the reason is reported.
        expect(result.html).toBe('');
        return;
      }
      expect(toHtml(sanitize(tree, SANITIZE_SCHEMA))).toBe(toHtml(tree));
    });
  });
});

describe('scriptVectors on a whole page', () => {
  const page = (header: string) =>
    `<!doctype html><html><head></head><body><header class="site-header">${header}</header><main>Text</main></body></html>`;

  it("allows only the header's GET search form to the site's own search page", () => {
    expect(
      scriptVectors(page('<form class="site-search" role="search" action="/search/" method="get"><input name="q"></form>'), { page: true }),
    ).toEqual([]);
    expect(scriptVectors(page('<form class="site-search" action="/news/search/" method="get"></form>'), { page: true })).toEqual([]);
  });

  it('finds any other form: posting, going elsewhere, or outside the header', () => {
    for (const form of [
      '<form class="site-search" action="/search/" method="post"></form>',
      '<form class="site-search" action="https://evil.example/search/" method="get"></form>',
      '<form action="/search/" method="get"></form>',
    ]) {
      expect(scriptVectors(page(form), { page: true }), form).toEqual(['<form>']);
    }
    const inMain = '<!doctype html><html><body><main><form class="site-search" action="/search/" method="get"></form></main></body></html>';
    expect(scriptVectors(inMain, { page: true })).toEqual(['<form>']);
  });
});
