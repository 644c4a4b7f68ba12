/**
 * Which pages a change of `content/` changes: the pull-request preview's answer to "what will
 * readers see differently", computed from the two content folders alone, without a build.
 *
 * Every page gets a fingerprint of what it shows: its own files, and what it shows of other
 * entries (a list shows titles, dates, standfirsts, hero images, bylines and topic names; an
 * article shows its related and adjacent articles and its authors' profiles). A page whose
 * fingerprint differs between the two folders changed; a page in one folder only was added or
 * removed. The preview builds both sides and compares the output too: a page that changed there but
 * not here was changed by something the content does not explain (code, styles, a dependency), and
 * is flagged for the reviewer. When a template starts to show something new, the fingerprints here
 * must learn it (test/builds/preview-pr.test.ts compares the two on real builds).
 */
import {
  adjacentIndex,
  allCorrections,
  articlesWithOwnCard,
  byAuthor,
  byTopic,
  paginate,
  publicationStatus,
  relatedIndex,
  selectPublished,
  NOT_FOUND_LATEST,
  type ArticleLike,
} from '../articles.ts';
import { cacheKey } from '../cache-key.ts';
import { dataOf, parseYaml, readFrontmatter } from '../check/frontmatter.ts';
import { parseContentDate } from '../dates.ts';
import { FRONT_PAGE_SECTIONS, frontPage } from '../front-page.ts';
import { byMonth, listPages, monthIndex } from '../periods.ts';
import { makePaths } from '../urls.ts';

/** A file of a content folder: a hash of its bytes, and its text when it is Markdown, MDX or YAML. */
export interface ContentFile {
  hash: string;
  text?: string;
}

/** A content folder: paths relative to it, with `/` separators. */
export type ContentTree = ReadonlyMap<string, ContentFile>;

export interface PreviewSettings {
  timeZone: string;
  /** The moment of the build: later articles are scheduled. */
  now: Date;
  pageSize: number;
  homeSize: number;
  socialCardCount: number;
  /** Previews show drafts and scheduled articles, marked. */
  showUnpublished: boolean;
}

interface ArticleEntry extends ArticleLike {
  /** Hash of every file of the article: its MDX and the images beside it. */
  files: string;
  /** Hash of what a list shows of it (frontmatter and hero image). */
  shown: string;
  title: string;
  hasImage: boolean;
}

interface Model {
  articles: ArticleEntry[];
  /** Author id → hashes of the whole profile (with the bio) and of its frontmatter, with the avatar. */
  authors: Map<string, { profile: string; card: string; name: string }>;
  topics: Map<string, { name: string; full: string }>;
  docs: { slug: string; file: string; title: string; order: number }[];
  redirects: { from: string; to: string }[];
}

const ARTICLE_ENTRY = /^articles\/([^/]+)(?:\.mdx|\/index\.mdx)$/;

function frontmatterOf(file: ContentFile | undefined): Record<string, unknown> | undefined {
  if (file?.text === undefined) return undefined;
  const source = readFrontmatter(file.text);
  if (typeof source === 'string') return undefined;
  const result = dataOf(source, '');
  return 'data' in result ? result.data : undefined;
}

function yamlList(file: ContentFile | undefined): Record<string, unknown>[] {
  if (file?.text === undefined) return [];
  const parsed = parseYaml(file.text, 0);
  const data: unknown = parsed.doc.errors.length > 0 ? undefined : parsed.doc.toJS({ maxAliasCount: 50 });
  return Array.isArray(data) ? data.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The hashes of the files under `prefix`, in path order. */
function filesUnder(tree: ContentTree, prefix: string): string[] {
  return [...tree]
    .filter(([path]) => path.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, file]) => `${path}:${file.hash}`);
}

/** Resolves `./photo.jpg` written in `dir/file.md` to a path of the tree. */
function besides(dir: string, src: unknown): string | undefined {
  if (typeof src !== 'string') return undefined;
  const parts = [...dir.split('/').filter(Boolean)];
  for (const part of src.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function contentModel(tree: ContentTree, settings: PreviewSettings): Model {
  const articles: ArticleEntry[] = [];
  for (const [path, file] of tree) {
    const match = ARTICLE_ENTRY.exec(path);
    if (!match) continue;
    const slug = match[1]!;
    const folder = path.endsWith('/index.mdx') ? `articles/${slug}/` : undefined;
    const data = frontmatterOf(file) ?? {};
    const published = parseContentDate(data.published, settings.timeZone);
    const updated = data.updated === undefined ? undefined : parseContentDate(data.updated, settings.timeZone);
    const image = data.image as { src?: unknown } | undefined;
    const imagePath = folder && image ? besides(folder, image.src) : undefined;
    const corrections = (Array.isArray(data.corrections) ? data.corrections : []).flatMap((c: { date?: unknown; text?: unknown }) => {
      const date = parseContentDate(c?.date, settings.timeZone);
      return date instanceof Date ? [{ date, text: String(c.text ?? '') }] : [];
    });
    articles.push({
      id: slug,
      files: cacheKey(folder ? filesUnder(tree, folder) : [file.hash]),
      shown: cacheKey(data, imagePath && tree.get(imagePath)?.hash),
      title: typeof data.title === 'string' ? data.title : slug,
      hasImage: Boolean(image),
      data: {
        // An article whose date does not parse fails the content check; it sorts last here.
        published: published instanceof Date ? published : new Date(0),
        updated: updated instanceof Date ? updated : undefined,
        corrections,
        draft: data.draft === true,
        topics: strings(data.topics).map((id) => ({ id })),
        authors: strings(data.authors).map((id) => ({ id })),
        image: data.image,
      } as ArticleLike['data'],
    });
  }

  const authors = new Map<string, { profile: string; card: string; name: string }>();
  for (const [path, file] of tree) {
    const match = /^authors\/([^/]+)\.md$/.exec(path);
    if (!match) continue;
    const data = frontmatterOf(file) ?? {};
    const avatar = besides('authors/', (data as { avatar?: unknown }).avatar);
    const avatarHash = avatar && tree.get(avatar)?.hash;
    authors.set(match[1]!, {
      profile: cacheKey(file.hash, avatarHash),
      card: cacheKey(data, avatarHash),
      name: typeof data.name === 'string' ? data.name : match[1]!,
    });
  }

  const topics = new Map(
    yamlList(tree.get('topics.yaml')).map((topic) => [String(topic.id), { name: String(topic.name), full: cacheKey(topic) }] as const),
  );

  const docs = [...tree].flatMap(([path, file]) => {
    const match = /^pages\/([^/]+)\.mdx$/.exec(path);
    if (!match) return [];
    const data = frontmatterOf(file) ?? {};
    return [
      { slug: match[1]!, file: file.hash, title: String(data.title ?? match[1]), order: typeof data.order === 'number' ? data.order : 0 },
    ];
  });

  const redirects = yamlList(tree.get('redirects.yaml')).map((entry) => ({ from: String(entry.from), to: String(entry.to) }));
  return { articles, authors, topics, docs, redirects };
}

export type PageKind = 'article' | 'list' | 'author' | 'topic' | 'docs' | 'redirect' | 'other';

export interface SitePage {
  /** Changes whenever anything the page shows changes. */
  print: string;
  kind: PageKind;
  /** An article's headline, a docs page's title. */
  title?: string;
}

/**
 * Every page of the site with the fingerprint of what it shows, by URL path (base path `/`).
 * Feeds, the sitemap and images are left out: the preview is about pages a reader opens.
 */
export function sitePages(tree: ContentTree, settings: PreviewSettings): Map<string, SitePage> {
  const model = contentModel(tree, settings);
  const paths = makePaths('/');
  const published = selectPublished(model.articles, { now: settings.now, includeUnpublished: settings.showUnpublished });
  const status = (article: ArticleEntry) => publicationStatus(article, settings.now);
  const ownCards = articlesWithOwnCard(published as (ArticleEntry & { data: { image?: unknown } })[], settings.socialCardCount);
  const topicName = (id: string) => model.topics.get(id)?.name;
  const authorName = (id: string) => model.authors.get(id)?.name;
  /** What a list, a related-articles box or a previous/next link shows of an article. */
  const entry = (article: ArticleEntry | undefined) =>
    article && [
      article.id,
      article.shown,
      status(article),
      ownCards.has(article.id),
      article.data.authors.map((a) => authorName(a.id)),
      article.data.topics.map((t) => topicName(t.id)),
    ];
  /** What the long lists of a month or a year show of an article: its headline, date and status. */
  const headline = (article: ArticleEntry) => [article.id, article.title, article.data.published.getTime(), status(article)];
  // The docs layout's navigation names every docs page and topic; news pages (articles, lists) have none.
  const navigation = cacheKey(
    model.docs.map((doc) => [doc.slug, doc.title, doc.order]),
    [...model.topics].map(([id, topic]) => [id, topic.name]),
  );
  const pages = new Map<string, SitePage>();
  const set = (url: string, kind: PageKind, print: string, title?: string) => pages.set(url, { print, kind, ...(title ? { title } : {}) });
  /** A topic's or an author's list and its years; `own` is what a page shows besides the list (the same on every page, or by year). */
  const list = (kind: PageKind, path: (year?: number) => string, items: readonly ArticleEntry[], own: (year?: number) => unknown) => {
    for (const page of listPages(items, settings)) {
      const year = page.period?.year;
      set(
        path(year),
        kind,
        cacheKey(
          own(year),
          page.key,
          page.items.map((article) => (year === undefined ? entry(article) : headline(article))),
        ),
      );
    }
  };

  const front = frontPage(published, { top: settings.homeSize, ...FRONT_PAGE_SECTIONS });
  set(
    paths.home(),
    'list',
    cacheKey(
      published.length,
      entry(front.lead),
      front.second.map(entry),
      front.sections.map((section) => [section.topic, topicName(section.topic), section.articles.map(entry)]),
    ),
  );
  set(
    paths.archive(),
    'list',
    cacheKey(published.length, published.slice(0, settings.pageSize).map(entry), monthIndex(published, settings.timeZone)),
  );
  for (const period of byMonth(published, settings.timeZone)) {
    set(paths.archiveMonth(period.year, period.month!), 'list', cacheKey(period.newer, period.older, period.items.map(headline)));
  }

  const related = relatedIndex(published);
  const adjacent = adjacentIndex(published);
  for (const article of published) {
    const around = adjacent.get(article.id) ?? {};
    set(
      paths.article(article.id),
      'article',
      cacheKey(
        article.files,
        status(article),
        ownCards.has(article.id),
        article.data.authors.map((a) => model.authors.get(a.id)?.profile),
        article.data.topics.map((t) => topicName(t.id)),
        (related.get(article.id) ?? []).map(entry),
        entry(around.newer),
        entry(around.older),
      ),
      article.title,
    );
  }

  set(
    paths.authors(),
    'author',
    cacheKey(
      navigation,
      [...model.authors].sort(([a], [b]) => a.localeCompare(b)).map(([id, author]) => [id, author.profile, byAuthor(published, id).length]),
    ),
  );
  // The bio and links are on the author's own page only; the name, role and avatar on the years' pages too.
  for (const [id, author] of model.authors) {
    list(
      'author',
      (year) => paths.author(id, year),
      byAuthor(published, id),
      (year) => (year === undefined ? author.profile : author.card),
    );
  }

  set(
    paths.topics(),
    'topic',
    cacheKey(
      navigation,
      [...model.topics].sort(([a], [b]) => a.localeCompare(b)).map(([id, topic]) => [id, topic.full, byTopic(published, id).length]),
    ),
  );
  for (const [id, topic] of model.topics)
    list(
      'topic',
      (year) => paths.topic(id, year),
      byTopic(published, id),
      () => topic.full,
    );

  for (const page of paginate(allCorrections(published), settings.pageSize)) {
    set(
      paths.corrections(page.number),
      'list',
      cacheKey(
        navigation,
        page.number,
        page.lastNumber,
        page.total,
        page.items.map((c) => [entry(c.article), c.date.getTime(), c.text]),
      ),
    );
  }

  for (const doc of model.docs) set(paths.page(doc.slug), 'docs', cacheKey(navigation, doc.file), doc.title);
  for (const { from, to } of model.redirects) set(from, 'redirect', cacheKey(navigation, to));
  // Every site, topic and author feed, by name.
  set(
    paths.feeds(),
    'other',
    cacheKey(
      navigation,
      [...model.authors].map(([id, author]) => [id, author.name]),
    ),
  );
  // The search filters list every topic and author by name.
  set(
    paths.search(),
    'other',
    cacheKey(
      navigation,
      [...model.authors].map(([id, author]) => [id, author.name]),
    ),
  );
  set('/404.html', 'other', cacheKey(navigation, published.slice(0, NOT_FOUND_LATEST).map(entry)));
  return pages;
}

export interface PageChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Pages of `head` that are new, different or gone compared with `base` (by fingerprint or bytes), each list sorted. */
export function comparePages(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): PageChanges {
  const changes: PageChanges = { added: [], changed: [], removed: [] };
  for (const [url, print] of head) {
    const before = base.get(url);
    if (before === undefined) changes.added.push(url);
    else if (before !== print) changes.changed.push(url);
  }
  for (const url of base.keys()) if (!head.has(url)) changes.removed.push(url);
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

const prints = (pages: ReadonlyMap<string, SitePage>) => new Map([...pages].map(([url, page]) => [url, page.print]));

/** The pages that a content change adds, changes or removes. */
export function changedPages(base: ContentTree, head: ContentTree, settings: PreviewSettings): PageChanges {
  return comparePages(prints(sitePages(base, settings)), prints(sitePages(head, settings)));
}

export interface FileChange {
  status: 'added' | 'modified' | 'removed' | 'renamed';
  path: string;
  /** The old path of a renamed file. */
  from?: string;
}

/** The files that differ between two content folders; a file that moved with the same bytes is a rename. */
export function contentChanges(base: ContentTree, head: ContentTree): FileChange[] {
  const changes: FileChange[] = [];
  const removed = [...base].filter(([path]) => !head.has(path));
  const unmatched = new Map<string, string[]>();
  for (const [path, file] of removed) unmatched.set(file.hash, [...(unmatched.get(file.hash) ?? []), path]);
  for (const [path, file] of head) {
    const before = base.get(path);
    if (before) {
      if (before.hash !== file.hash) changes.push({ status: 'modified', path });
      continue;
    }
    const from = unmatched.get(file.hash)?.shift();
    changes.push(from === undefined ? { status: 'added', path } : { status: 'renamed', path, from });
  }
  for (const paths of unmatched.values()) for (const path of paths) changes.push({ status: 'removed', path });
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}
