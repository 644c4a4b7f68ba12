/**
 * The MDX renderer (src/lib/mdx/render.ts): the safe dialect of MDX to HTML, parsed back with
 * linkedom and checked element by element.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderMdxBody, plainValue } from '../../src/lib/mdx/render.ts';
import { makePaths } from '../../src/lib/urls.ts';

const { withBase } = makePaths('/base/');

function render(body: string) {
  const result = renderMdxBody(body, { file: 'articles/x.mdx', withBase });
  const { document } = parseHTML(`<!doctype html><html><body>${result.html}</body></html>`);
  return { ...result, document };
}

describe('renderMdxBody: Markdown', () => {
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

describe('renderMdxBody: MDX', () => {
  it('drops imports and comments and writes plain values as text', () => {
    const { html, document } = render(
      "import PullQuote from '../../src/components/mdx/PullQuote.astro';\n\nIn {2019}, a{' '}b{/* note */}.\n\n{/* a comment */}\n",
    );
    expect(document.querySelector('p')!.textContent).toBe('In 2019, a b.');
    expect(html).not.toMatch(/import|note|comment/);
  });

  it('renders HTML tags written in JSX with their attributes', () => {
    const { document } = render('The <abbr title="Autonomous Drive">AD</abbr> unit, <span className="x">here</span>.\n');
    expect(document.querySelector('abbr')!.getAttribute('title')).toBe('Autonomous Drive');
    expect(document.querySelector('span')!.getAttribute('class')).toBe('x');
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

  it('refuses what the content check refuses, naming the file', () => {
    expect(() => render('<MapEmbed label="x" lat={91} lon={0} />')).toThrow(/articles\/x\.mdx: <MapEmbed>: lat=\{…\} must be a number/);
    expect(() => render('<Video title="x" />')).toThrow(/articles\/x\.mdx: <Video>: give src=/);
    expect(() => render('<Tweet id="1" />')).toThrow(/<Tweet> is not an approved component/);
    expect(() => render('Year {new Date().getFullYear()}')).toThrow(/is JavaScript, not a plain value/);
    expect(() => render('<PullQuote {...props}>x</PullQuote>')).toThrow(/spread attribute/);
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
