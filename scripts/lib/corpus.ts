/**
 * A synthetic newsroom for benchmarks and scale tests: N articles of about 500 words with headings,
 * a list, a table, a pull quote, links to other articles and to headings in them, several authors
 * and topics, some hero images, a few corrections, drafts and scheduled articles.
 *
 * `generateCorpus` is pure and seeded: the same options always give the same files, so a benchmark
 * can be repeated and a test can compute what the built site must contain from the same data.
 * `writeCorpus` puts the files on disk (images are drawn there with sharp, deterministically).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CorpusOptions {
  /** Number of articles, published or not. */
  articles: number;
  /** Same seed, same corpus. */
  seed?: number;
  /** Every published date lies before this moment; scheduled ones after it. */
  now?: Date;
  /** Share of articles with a hero image (an image file beside `index.mdx`). */
  imageShare?: number;
  /** Articles marked `draft: true` (never public). */
  drafts?: number;
  /** Articles dated after `now` (not public yet). */
  scheduled?: number;
}

export interface CorpusArticle {
  slug: string;
  title: string;
  published: Date;
  authors: string[];
  topics: string[];
  headings: string[];
  /** Heading ids as the Markdown compiler writes them (lower case, hyphens). */
  headingIds: string[];
  image: boolean;
  corrections: number;
  status: 'published' | 'draft' | 'scheduled';
}

export interface CorpusFile {
  /** Path relative to the content folder. */
  path: string;
  /** Text of the file, or the colour of a generated JPEG image. */
  text?: string;
  image?: { width: number; height: number; rgb: [number, number, number] };
}

export interface Corpus {
  articles: CorpusArticle[];
  authors: { id: string; name: string }[];
  topics: { id: string; name: string }[];
  files: CorpusFile[];
}

/** mulberry32: small, fast and good enough to make text look varied. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  ['autonomous', 'Autonomous driving'],
  ['connected', 'Connected vehicles'],
  ['electric', 'Electric vehicles'],
  ['research', 'Research and development'],
  ['alliances', 'Alliances and partnerships'],
  ['china', 'China'],
  ['mobility-services', 'Mobility services'],
  ['batteries', 'Batteries'],
  ['charging', 'Charging'],
  ['software', 'Vehicle software'],
  ['safety', 'Safety'],
  ['policy', 'Policy and regulation'],
] as const;

const AUTHORS = [
  ['lena-hartmann', 'Lena Hartmann', 'Editor'],
  ['wei-zhang', 'Wei Zhang', 'Shanghai correspondent'],
  ['amara-okafor', 'Amara Okafor', 'Technology reporter'],
  ['jonas-berg', 'Jonas Berg', 'Industry reporter'],
  ['sofia-marques', 'Sofia Marques', 'Data editor'],
  ['kenji-sato', 'Kenji Sato', 'Tokyo correspondent'],
  ['priya-raman', 'Priya Raman', 'Policy reporter'],
  ['tomas-novak', 'Tomás Novák', 'Sub-editor'],
] as const;

const WORDS = (
  'battery cell pack charging network grid sensor lidar radar camera software update platform ' +
  'vehicle fleet pilot programme lab engineer supplier plant factory market share target plan ' +
  'city route depot test track safety driver regulator standard licence trial partner alliance ' +
  'investment budget range kilometre tonne capacity cost price subsidy customer service ride ' +
  'shuttle robotaxi data map chip module motor inverter cooling cathode anode recycling mine'
).split(' ');

const HEADINGS = [
  'What was announced',
  'Why it matters',
  'The numbers',
  'Who pays',
  'What comes next',
  'The technology',
  'Regulation',
  'The competition',
  'Open questions',
  'Background',
  'Timeline',
  'Reactions',
];

const PLACES = ['Shanghai', 'Paris', 'Yokohama', 'Munich', 'Gothenburg', 'Detroit', 'Seoul', 'Shenzhen'];

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Words, sentences and choices drawn from one seeded generator. Every call draws from it, so the
 * order of the calls decides the corpus: the passes below run in a fixed order.
 */
interface Writer {
  rand: () => number;
  pick<T>(list: readonly T[]): T;
  pickSome<T>(list: readonly T[], n: number): T[];
  words(n: number): string;
  sentence(): string;
  paragraph(sentences: number): string;
}

function writer(seed: number): Writer {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const pickSome = <T>(list: readonly T[], n: number) => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
    return out;
  };
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const text = words(8 + Math.floor(rand() * 10));
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ');
  return { rand, pick, pickSome, words, sentence, paragraph };
}

export function generateCorpus(options: CorpusOptions): Corpus {
  const { articles: count, seed = 1, now = new Date('2026-01-01T00:00:00Z'), imageShare = 0.03, drafts = 0, scheduled = 0 } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`articles must be a positive integer, got ${count}`);
  const text = writer(seed);
  const specs = articleSpecs(text, { count, now, imageShare, drafts, scheduled });
  const published = specs.filter((a) => a.status === 'published');
  const files = siteFiles(text);
  for (const article of specs) files.push(...articleFiles(text, article, published));
  return {
    articles: specs,
    authors: AUTHORS.map(([id, name]) => ({ id, name })),
    topics: TOPICS.map(([id, name]) => ({ id, name })),
    files,
  };
}

/** What each article is: its slug, date, authors, topics, headings and status, newest first. */
function articleSpecs(
  { rand, pick, pickSome, words }: Writer,
  { count, now, imageShare, drafts, scheduled }: { count: number; now: Date; imageShare: number; drafts: number; scheduled: number },
): CorpusArticle[] {
  const width = String(count).length;
  // One article every 7 hours back from `now`, so dates are distinct and all in the past.
  const span = 7 * 3600_000;
  const specs: CorpusArticle[] = [];
  for (let i = 0; i < count; i++) {
    const headings = pickSome(HEADINGS, 4);
    const title = `${pick(PLACES)}: the ${words(3)} ${pick(['plan', 'trial', 'deal', 'study', 'launch', 'report'])} explained`;
    const scheduledOne = i < scheduled;
    const draftOne = !scheduledOne && i < scheduled + drafts;
    specs.push({
      slug: `story-${pad(i + 1, width)}-${slugify(title).split('-').slice(0, 4).join('-')}`,
      title: title[0]!.toUpperCase() + title.slice(1),
      published: scheduledOne ? new Date(now.getTime() + (i + 2) * 86_400_000) : new Date(now.getTime() - (i + 1) * span),
      authors: pickSome(AUTHORS, rand() < 0.2 ? 2 : 1).map(([id]) => id),
      topics: pickSome(TOPICS, 1 + Math.floor(rand() * 3)).map(([id]) => id),
      headings,
      headingIds: headings.map(slugify),
      image: rand() < imageShare,
      corrections: rand() < 0.02 ? 1 + Math.floor(rand() * 2) : 0,
      status: scheduledOne ? 'scheduled' : draftOne ? 'draft' : 'published',
    });
  }
  return specs;
}

/** The files every site has: the topic list, the author profiles and the docs pages. */
function siteFiles({ paragraph }: Writer): CorpusFile[] {
  const files: CorpusFile[] = [];
  files.push({
    path: 'topics.yaml',
    text: TOPICS.map(
      ([id, name]) => `- id: ${id}\n  name: ${name}\n  description: Reporting on ${name.toLowerCase()}, from the labs to the road.\n`,
    ).join(''),
  });
  for (const [id, name, role] of AUTHORS) {
    files.push({
      path: `authors/${id}.md`,
      text: `---\nname: ${name}\nrole: ${role}\n---\n\n${name} writes for the desk. ${paragraph(3)}\n`,
    });
  }
  for (const [slug, title, order] of [
    ['about', 'About', 1],
    ['editorial-standards', 'Editorial standards', 2],
    ['contributing', 'Contributing', 3],
  ] as const) {
    files.push({
      path: `pages/${slug}.mdx`,
      text: `---\ntitle: ${title}\ndescription: ${title} of the desk.\norder: ${order}\n---\n\n${paragraph(4)}\n`,
    });
  }
  return files;
}

/** One article's file, and its hero image when it has one: a folder with both, else a single file. */
function articleFiles(text: Writer, article: CorpusArticle, published: readonly CorpusArticle[]): CorpusFile[] {
  // The body draws before the frontmatter, the image's colour last.
  const body = articleBody(text, article, published);
  const source = `${articleFrontmatter(text, article)}\n\n${body}\n`;
  if (!article.image) return [{ path: `articles/${article.slug}.mdx`, text: source }];
  const { rand } = text;
  return [
    { path: `articles/${article.slug}/index.mdx`, text: source },
    {
      path: `articles/${article.slug}/photo.jpg`,
      image: { width: 1600, height: 900, rgb: [Math.floor(rand() * 256), Math.floor(rand() * 256), Math.floor(rand() * 256)] },
    },
  ];
}

/** Headings, a list, a table, a pull quote and links to other articles and to their headings. */
function articleBody(
  { rand, pick, pickSome, words, sentence, paragraph }: Writer,
  article: CorpusArticle,
  published: readonly CorpusArticle[],
): string {
  // Links go to published articles only: a link to a draft would be broken in production.
  const others = pickSome(published.filter((a) => a !== article).slice(0, 200), 3);
  const [first, second, third] = others;
  const link = (target: CorpusArticle | undefined, text: string) => (target ? `[${text}](/articles/${target.slug}/)` : text);
  const headingLink = (target: CorpusArticle | undefined, text: string) =>
    target ? `[${text}](/articles/${target.slug}/#${target.headingIds[1]})` : text;
  const h = article.headings;
  return [
    paragraph(4),
    `As ${link(first, 'we reported earlier')}, ${words(12)}. ${paragraph(3)}`,
    `## ${h[0]}`,
    paragraph(5),
    `- ${words(6)}\n- ${words(7)}\n- ${words(5)}\n- ${words(8)}`,
    paragraph(3),
    `## ${h[1]}`,
    `| Item | Figure | Change |\n| --- | --- | --- |\n` +
      Array.from({ length: 4 }, () => `| ${words(2)} | ${Math.floor(rand() * 900) + 10} | ${Math.floor(rand() * 40) - 20}% |`).join('\n'),
    paragraph(4),
    `<PullQuote cite="${pick(AUTHORS)[1]}, ${pick(['engineer', 'analyst', 'spokesperson'])}">${sentence()}</PullQuote>`,
    `## ${h[2]}`,
    `${paragraph(4)} See ${headingLink(second, `${second?.headings[1]?.toLowerCase() ?? 'more'} in an earlier story`)}.`,
    paragraph(4),
    `## ${h[3]}`,
    `${paragraph(4)} ${link(third, 'Another article')} covers ${words(4)}.`,
    ...(rand() < 0.3 ? [`<Callout title="About these figures">${sentence()} ${sentence()}</Callout>`] : []),
  ].join('\n\n');
}

/** The frontmatter block, with an update date and corrections for a corrected article. */
function articleFrontmatter({ pick, words, sentence }: Writer, article: CorpusArticle): string {
  return [
    '---',
    `title: "${article.title}"`,
    `description: "${sentence()}"`,
    `published: ${isoDay(article.published)}`,
    ...(article.corrections ? [`updated: ${isoDay(new Date(article.published.getTime() + 86_400_000))}`] : []),
    `authors: [${article.authors.join(', ')}]`,
    `topics: [${article.topics.join(', ')}]`,
    `location: ${pick(PLACES)}`,
    ...(article.status === 'draft' ? ['draft: true'] : []),
    ...(article.image
      ? ['image:', '  src: ./photo.jpg', `  alt: ${words(5)}`, `  caption: ${sentence()}`, '  credit: "Photo: The Mobility Desk"']
      : []),
    ...(article.corrections
      ? [
          'corrections:',
          ...Array.from({ length: article.corrections }, (_, k) => [
            `  - date: ${isoDay(new Date(article.published.getTime() + (k + 1) * 86_400_000))}`,
            `    text: ${sentence()}`,
          ]).flat(),
        ]
      : []),
    '---',
  ].join('\n');
}

/** Writes a corpus into `dir`, replacing whatever was there. */
export async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const sharp = (await import('sharp')).default;
  for (const file of corpus.files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if (file.text !== undefined) writeFileSync(target, file.text);
    else if (file.image) {
      const { width, height, rgb } = file.image;
      // A gradient rather than a flat colour, so the encoders have something to do.
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g">` +
        `<stop offset="0" stop-color="rgb(${rgb.join(',')})"/><stop offset="1" stop-color="#1d3557"/></linearGradient></defs>` +
        `<rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#f1faee"/></svg>`;
      writeFileSync(target, await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer());
    }
  }
}
