/**
 * The compiler (src/lib/mdx/compile.ts): the safe dialect of MDX to HTML, parsed back with
 * linkedom and checked element by element, and what it refuses, with file, line and column.
 * test/unit/security-corpus.test.ts holds it to the allowlist vector by vector.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lib/mdx/compile.ts';
import { plainValue } from '../../src/lib/mdx/values.ts';
import { makePaths } from '../../src/lib/urls.ts';

const { withBase } = makePaths('/base/');

function render(body: string, format: 'mdx' | 'md' = 'mdx') {
  const result = compile(body, { file: 'articles/x.mdx', format, withBase });
  const { document } = parseHTML(`<!doctype html><html><body>${result.html}</body></html>`);
  return { ...result, document };
}

/** Each problem as `line:column field: message`. */
const problemsOf = (body: string, format: 'mdx' | 'md' = 'mdx') =>
  render(body, format).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);

describe('compile: Markdown', () => {
  it('gives headings unique ids from their text and lists them', () => {
    const { document, headings } = render('## Plan *in* numbers\n\ntext\n\n## Plan in numbers\n\n### Détails & notes\n');
    const ids = [...document.querySelectorAll('h2, h3')].map((heading) => heading.id);
    expect(ids).toEqual(['plan-in-numbers', 'plan-in-numbers-1', 'détails--notes']);
    expect(headings).toEqual([
      { depth: 2, slug: 'plan-in-numbers', text: 'Plan in numbers' },
      { depth: 2, slug: 'plan-in-numbers-1', text: 'Plan in numbers' },
      { depth: 3, slug: 'détails--notes', text: 'Détails & notes' },
    ]);
  });

  it('renders GFM tables and smart punctuation', () => {
    const { document } = render('"Quoted" -- and it\'s done...\n\n| Year | Units |\n| --- | ---: |\n| 2022 | 14m |\n');
    expect(document.querySelector('p')!.textContent).toBe('“Quoted” – and it’s done…');
    expect([...document.querySelectorAll('th')].map((cell) => cell.textContent)).toEqual(['Year', 'Units']);
    // Alignment as a class: the CSP blocks inline style attributes.
    expect(document.querySelector('td:last-child')!.className).toBe('align-right');
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('puts the base path before root-relative links and images, and leaves other URLs alone', () => {
    const { document, imagePaths } = render(
      '[a](/articles/x/#plan) [b](https://example.org/) [c](#top) [d](mailto:desk@example.org)\n\n![Logo](/logo.png)\n',
    );
    expect([...document.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual([
      '/base/articles/x/#plan',
      'https://example.org/',
      '#top',
      'mailto:desk@example.org',
    ]);
    expect(document.querySelector('img')!.getAttribute('src')).toBe('/base/logo.png');
    expect(imagePaths).toEqual([]);
  });

  it('marks local images for Astro to optimise, with their alt text and an index per repeat', () => {
    const { document, imagePaths } = render('![A chart](./chart%20one.png "Units") and ![Again](./chart%20one.png)\n');
    const marked = [...document.querySelectorAll('img')].map((image) => JSON.parse(image.getAttribute('__ASTRO_IMAGE_')!));
    expect(marked).toEqual([
      { alt: 'A chart', title: 'Units', src: './chart one.png', index: 0 },
      { alt: 'Again', src: './chart one.png', index: 1 },
    ]);
    expect(document.querySelector('img')!.hasAttribute('src')).toBe(false);
    expect(imagePaths).toEqual(['./chart one.png']);
  });
});

describe('compile: MDX', () => {
  it('drops imports and comments and writes plain values as text', () => {
    const { html, document } = render(
      "import PullQuote from '../../src/components/mdx/PullQuote.astro';\n\nIn {2019}, a{' '}b{/* note */}.\n\n{/* a comment */}\n",
    );
    expect(document.querySelector('p')!.textContent).toBe('In 2019, a b.');
    expect(html).not.toMatch(/import|note|comment/);
  });

  it('renders HTML tags written in JSX with their allowed attributes', () => {
    const { document, problems } = render('The <abbr title="Autonomous Drive">AD</abbr> unit, <span className="credit">here</span>.\n');
    expect(problems).toEqual([]);
    expect(document.querySelector('abbr')!.getAttribute('title')).toBe('Autonomous Drive');
    expect(document.querySelector('span')!.getAttribute('class')).toBe('credit');
  });

  it('renders a PullQuote with its citation, and Markdown inside', () => {
    const { document } = render('<PullQuote cite="Takao Asami, AIL-SH">\n\nWe *will* build it.\n\n</PullQuote>\n');
    const figure = document.querySelector('figure.pull-quote')!;
    expect(figure.querySelector('blockquote > p > em')!.textContent).toBe('will');
    expect(figure.querySelector('figcaption')!.textContent).toBe('Takao Asami, AIL-SH');
    expect(render('<PullQuote>Words.</PullQuote>').document.querySelector('figcaption')).toBeNull();
  });

  it('renders a Callout as a labelled aside, "Note" by default', () => {
    const { document } = render('<Callout title="About these figures">Rounded to the nearest thousand.</Callout>\n');
    const aside = document.querySelector('aside.callout')!;
    expect(aside.getAttribute('aria-label')).toBe('About these figures');
    expect(aside.querySelector('.callout-title')!.textContent).toBe('About these figures');
    expect(aside.textContent).toContain('Rounded to the nearest thousand.');
    expect(render('<Callout>x</Callout>').document.querySelector('aside')!.getAttribute('aria-label')).toBe('Note');
  });

  it('renders a Figure around an optimised image, with caption and credit', () => {
    const { document, imagePaths } = render('<Figure caption="The lab." credit="Photo: Desk">\n\n![Lab](./lab.jpg)\n\n</Figure>\n');
    const figure = document.querySelector('figure.figure')!;
    expect(figure.querySelector('img')!.hasAttribute('__ASTRO_IMAGE_')).toBe(true);
    expect(figure.querySelector('figcaption')!.textContent).toBe('The lab. Photo: Desk');
    expect(figure.querySelector('figcaption .credit')!.textContent).toBe('Photo: Desk');
    expect(imagePaths).toEqual(['./lab.jpg']);
  });

  it('renders a self-hosted Video with captions under the base path, and nothing that plays before a click', () => {
    const { document } = render('<Video src="/media/drive.mp4" title="Test drive" captions="/media/drive.vtt" />\n');
    const video = document.querySelector('figure.video video')!;
    expect(video.getAttribute('src')).toBe('/base/media/drive.mp4');
    expect(video.getAttribute('preload')).toBe('none');
    expect(video.hasAttribute('autoplay')).toBe(false);
    expect(video.getAttribute('aria-label')).toBe('Test drive');
    expect(video.querySelector('track')!.getAttribute('src')).toBe('/base/media/drive.vtt');
    expect(video.querySelector('a')!.getAttribute('href')).toBe('/base/media/drive.mp4');
  });

  it('turns a YouTube or Vimeo Video into a plain link', () => {
    const youtube = render('<Video title="Drive" youtube="abc 1" />').document;
    expect(youtube.querySelector('a.video-link')!.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abc%201');
    expect(youtube.querySelector('a.video-link')!.textContent).toBe('▶ Watch on YouTube: Drive');
    expect(youtube.querySelector('video, iframe, script')).toBeNull();
    expect(render('<Video title="Drive" vimeo="42" />').document.querySelector('a')!.getAttribute('href')).toBe('https://vimeo.com/42');
  });

  it('renders a MapEmbed as coordinates and a link, without loading a map', () => {
    const { document } = render('<MapEmbed label="Santiago" lat={-33.45} lon={-70.6667} zoom={10} />\n');
    const figure = document.querySelector('figure.map')!;
    expect(figure.querySelector('.map-place')!.textContent).toBe('📍 Santiago');
    expect(figure.querySelector('figcaption')!.textContent).toBe('33.4500° S, 70.6667° W · View Santiago on OpenStreetMap');
    expect(figure.querySelector('a')!.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=-33.45&mlon=-70.6667#map=10/-33.45/-70.6667',
    );
  });

  it('refuses JavaScript, unknown components and bad props, with line and column, and keeps the rest', () => {
    expect(problemsOf('<MapEmbed label="x" lat={91} lon={0} />')).toEqual(['1:1 <MapEmbed>: lat={…} must be a number from -90 to 90']);
    expect(problemsOf('\n<Video title="x" />')).toEqual(['2:1 <Video>: give src="/media/…" (a file in public/), youtube="…" or vimeo="…"']);
    expect(problemsOf('Hi <Tweet id="1">text</Tweet>')).toEqual(['1:4 <Tweet>: unknown component <Tweet>']);
    expect(render('Hi <Tweet id="1">text</Tweet>').document.body.textContent).toBe('Hi text');
    expect(problemsOf('Year {new Date().getFullYear()}')).toEqual([
      '1:6 expression: {new Date().getFullYear()} is JavaScript, which articles may not run',
    ]);
    expect(problemsOf('<PullQuote {...props}>x</PullQuote>')).toEqual([
      '1:1 <PullQuote>: spread attribute {...props} is JavaScript, which articles may not run',
    ]);
    expect(problemsOf("import fs from 'node:fs';\n\nText")).toEqual([
      '1:1 import: "node:fs" is not an approved component: import fs from \'node:fs\';',
    ]);
  });

  it('reports a syntax error with its line and column instead of throwing', () => {
    expect(problemsOf('Text\n\n<PullQuote>\nno end\n')[0]).toMatch(/^\d+:\d+ MDX: .*closing tag/i);
  });
});

describe('compile: the allowlist', () => {
  it('removes and reports elements that are not allowed, dropping the content of script-like ones', () => {
    const { html, problems } = render('A <script>alert(1)</script> <form action="/x"><b>kept</b></form> <iframe src="x" />\n');
    expect(problems.map((p) => `${p.column} ${p.field}`)).toEqual(['3 <script>', '29 <form>', '66 <iframe>']);
    expect(html).toBe('<p>A  <b>kept</b> </p>');
  });

  it('removes and reports attributes outside the allowlist, keeping allowed classes one by one', () => {
    const { document, problems } = render('<a href="/x/" onClick="y" style="color:red" className="callout evil">x</a>');
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '<a> onclick: event handler onclick is not allowed: scripts cannot run in articles',
      '<a> style: inline styles are not allowed (the CSP blocks them)',
      '<a> class: class="evil" is not allowed on <a>',
    ]);
    expect(document.querySelector('a')!.outerHTML).toBe('<a href="/base/x/" class="callout">x</a>');
  });

  it('holds every URL to the URL policy after entities are decoded, Markdown and JSX alike', () => {
    const { document, problems } = render('[a](javascript:alert(1)) <a href="java&#x09;script:alert(1)">b</a> [c](JAVASCRIPT:x)');
    expect(problems.map((p) => p.field)).toEqual(['link', 'link', 'link']);
    expect(problems[1]!.message).toMatch(/contains a tab/);
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([null, null, null]);
  });

  it('refuses SVG and MathML with everything inside them', () => {
    const { html, problems } = render('<svg><a xlinkHref="javascript:x"><animate attributeName="href" values="javascript:x" /></a></svg>x');
    expect(problems.map((p) => p.field)).toEqual(['<svg>']);
    expect(html).toBe('<p>x</p>');
  });

  it('lets a component prop through only as the allowlist allows', () => {
    const { document, problems } = render('<Video title="t" src="javascript:alert(1)" />');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.field}`)).toEqual(['1:1 link', '1:1 <video> src']);
    expect(document.querySelector('video')!.hasAttribute('src')).toBe(false);
    expect(document.querySelector('a')!.hasAttribute('href')).toBe(false);
  });

  it('reads HTML in Markdown bios, finding the line of each refused tag', () => {
    const bio =
      '---\nname: x\n---\nHi <meta http-equiv="refresh" content="0;url=https://evil.example">\n\n<a href="javascript:x" onclick="y">x</a>\n';
    expect(problemsOf(bio, 'md')).toEqual([
      '4:4 <meta>: <meta> is not allowed: page metadata comes from the frontmatter',
      '6:1 link: "javascript:x" is a javascript: URL, which can run script or stand in for a page, and is not allowed',
      '6:1 <a> onclick: event handler onclick is not allowed: scripts cannot run in articles',
    ]);
    expect(render(bio, 'md').html).toBe('<p>Hi </p>\n<p><a>x</a></p>');
  });

  it('reports nesting too deep to render instead of running out of stack', () => {
    const deep = `${'<div>'.repeat(200)}x${'</div>'.repeat(200)}`;
    const { problems, html } = render(deep);
    expect(problems.map((p) => p.field)).toEqual(['nesting']);
    expect(html.length).toBeLessThan(2000);
  });

  it('reports a malformed escape in an image path as the path written, without throwing', () => {
    expect(render('![x](./bad%zz.png)').images.map((image) => image.url)).toEqual(['./bad%zz.png']);
  });
});

describe('plainValue', () => {
  it('reads strings, numbers, booleans and null, and nothing from a comment', () => {
    expect(plainValue(' "a \\"b\\" \\u00e9" ')).toEqual({ value: 'a "b" é' });
    expect(plainValue("'it\\'s'")).toEqual({ value: "it's" });
    expect(plainValue('-12.5')).toEqual({ value: -12.5 });
    expect(plainValue('true')).toEqual({ value: true });
    expect(plainValue('null')).toEqual({ value: null });
    expect(plainValue('/* x */')).toEqual({});
    expect(plainValue('')).toEqual({});
  });

  it('refuses anything that would run', () => {
    for (const code of ['x', 'a + 1', '`t`', 'f()', '"a" + "b"', '[1]', '{}']) expect(plainValue(code)).toBeUndefined();
  });
});
