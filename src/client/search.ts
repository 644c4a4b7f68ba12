/**
 * The search page in the browser (src/components/Search.astro): runs the words typed in the box,
 * and the topic and author chosen, through Pagefind's search API, and draws the results in the
 * page's own markup: articles first, then the site's own pages, each result with its date, topic,
 * excerpt and thumbnail. The search is in the URL as it is typed (`/search/?q=…`), so it can be
 * copied, and a link to it runs it. `/` comes back to the box; the arrow keys move through results.
 *
 * Pagefind (`pagefind.js`, its worker, WebAssembly and index, written into the build by
 * src/integration/search-index.ts) is loaded only when the box is first used, or at once when
 * the URL holds a search.
 */
import { formatDay, KINDS, readSearch, RESULTS_PER_PAGE, searchQuery, searchSummary, THUMBNAIL, type Kind } from '../lib/search.ts';

/** The part of Pagefind's search API this page uses (https://pagefind.app/docs/api/). */
interface Pagefind {
  options(options: IndexOptions): Promise<void>;
  mergeIndex(bundlePath: string, options: IndexOptions): Promise<void>;
  preload(term: string): Promise<void>;
  search(term: string, options: { filters: Record<string, string> }): Promise<{ results: PagefindResult[] }>;
}
interface IndexOptions {
  baseUrl: string;
  excerptLength?: number;
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}
interface PagefindData {
  url: string;
  /** The page's whole text. */
  content: string;
  /** Part of it, with its HTML characters escaped and the words found in `<mark>`. */
  excerpt: string;
  meta: Partial<Record<'title' | 'date' | 'topic' | 'image' | 'image_alt', string>>;
}

const GROUPS: Record<Kind, { heading: string; more: string }> = {
  article: { heading: 'Articles', more: 'More articles' },
  page: { heading: 'Pages about the newsroom', more: 'More pages' },
};

/** Words long enough to give an excerpt some context, short enough for a phone. */
const EXCERPT_WORDS = 24;
/** How long typing pauses before the search runs. */
const DEBOUNCE_MS = 200;

const root = document.querySelector<HTMLElement>('.search');
if (root) start(root);

function start(root: HTMLElement) {
  const form = root.querySelector('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const selects = [...form.querySelectorAll('select')];
  const status = root.querySelector<HTMLElement>('.search-status')!;
  const results = root.querySelector<HTMLElement>('.search-results')!;
  const base = root.dataset.base ?? '/';
  const bundle = root.dataset.bundle ?? `${base}pagefind/`;
  const keys = root.querySelector<HTMLElement>('.search-keys')!;
  keys.classList.add('is-active');
  input.setAttribute('aria-describedby', keys.id);

  let pagefind: Promise<Pagefind> | undefined;
  /** Pagefind with every slice of the index merged (a large archive's index comes in slices). */
  const load = () =>
    (pagefind ??= (async () => {
      const api = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
      // Result URLs are stored without the base path: Pagefind adds it.
      const options = { baseUrl: base, excerptLength: EXCERPT_WORDS };
      await api.options(options);
      const slices = await fetch(`${bundle}slices.json`)
        .then((response) => (response.ok ? (response.json() as Promise<string[]>) : []))
        .catch(() => []);
      await Promise.all(slices.map((slice) => api.mergeIndex(`${bundle}${slice}`, options)));
      return api;
    })());

  const initial = readSearch(location.search);
  input.value = initial.q;
  for (const select of selects) {
    const wanted = initial[select.name as 'topic' | 'author'];
    if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }

  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run() {
    clearTimeout(timer);
    const chosen = (name: string) => selects.find((select) => select.name === name)?.value ?? '';
    const state = { q: input.value.trim(), topic: chosen('topic'), author: chosen('author') };
    history.replaceState(history.state, '', `${location.pathname}${searchQuery(state)}`);
    const generation = ++latest;
    if (!state.q) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    let api: Pagefind;
    try {
      api = await load();
    } catch {
      pagefind = undefined; // The next search tries again.
      status.textContent = 'Search could not be loaded. Try again, or browse the archive and topics.';
      return;
    }
    // The index files topics and authors under their names: the chosen option carries it.
    const filters: Record<string, string> = {};
    for (const select of selects) {
      const name = select.selectedOptions[0]?.dataset.filter;
      if (name) filters[select.name] = name;
    }
    const narrowed = Object.keys(filters).length > 0;
    // Two searches rather than one sorted by kind: each keeps Pagefind's own ranking, and the
    // site's pages have no topic or author, so a narrowed search finds none of them.
    const [articles, pages] = await Promise.all([
      api.search(state.q, { filters: { ...filters, kind: KINDS.article } }),
      narrowed ? { results: [] } : api.search(state.q, { filters: { kind: KINDS.page } }),
    ]);
    const groups = await Promise.all(
      (
        [
          ['article', articles.results],
          ['page', pages.results],
        ] as const
      )
        .filter(([, found]) => found.length > 0)
        .map(([kind, found]) => group(kind, found)),
    );
    if (generation !== latest) return; // A later search has started: its results will be shown.
    results.replaceChildren(...groups);
    status.textContent = searchSummary(state.q, articles.results.length, pages.results.length, narrowed);
  }

  // Loading starts when the box is first used; a failure is reported by the search that needs it.
  const ignore = () => undefined;
  input.addEventListener('focus', () => void load().catch(ignore), { once: true });
  input.addEventListener('input', () => {
    if (pagefind) void pagefind.then((api) => api.preload(input.value.trim())).catch(ignore);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  for (const select of selects) select.addEventListener('change', () => void run());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  // ↓ from the box to the first result, ↓ and ↑ between results, ↑ from the first back to the box.
  root.addEventListener('keydown', (event) => {
    if ((event.key !== 'ArrowDown' && event.key !== 'ArrowUp') || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const links = [...results.querySelectorAll<HTMLAnchorElement>('.search-result-title a')];
    const here = event.target === input ? -1 : links.indexOf(event.target as HTMLAnchorElement);
    if (here === -1 && event.target !== input) return; // A list box, say: the arrows are its own.
    const next = here + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < -1 || next >= links.length) return;
    event.preventDefault();
    (next === -1 ? input : links[next]!).focus();
  });

  // `/` comes back to the box from anywhere on the page, except while typing in a field.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target?.isContentEditable || target?.closest('input, textarea, select')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  if (initial.q) void run();
}

/** One group of results (articles, or pages), its first results loaded, and a button for more. */
async function group(kind: Kind, found: PagefindResult[]): Promise<HTMLElement> {
  const section = element('section', 'search-group');
  const heading = element('h2', '', GROUPS[kind].heading);
  heading.id = `search-${kind}-heading`;
  section.setAttribute('aria-labelledby', heading.id);
  const list = element('ol', 'search-result-list');
  list.setAttribute('role', 'list');
  section.append(heading, list);
  let shown = 0;
  const more = async () => {
    const next = found.slice(shown, shown + RESULTS_PER_PAGE);
    shown += next.length;
    const items = (await Promise.all(next.map((result) => result.data()))).map((data) => card(kind, data));
    list.append(...items);
    return items;
  };
  await more();
  if (shown < found.length) {
    const button = element('button', 'search-more', GROUPS[kind].more);
    button.type = 'button';
    button.addEventListener('click', async () => {
      const [first] = await more();
      if (shown >= found.length) button.remove();
      first?.querySelector('a')?.focus();
    });
    section.append(button);
  }
  return section;
}

function card(kind: Kind, { url, excerpt, content, meta }: PagefindData): HTMLLIElement {
  const item = element('li', 'search-result');
  const text = element('div', 'search-result-text');
  const link = element('a', '', meta.title ?? url);
  link.href = url;
  text.append(element('h3', 'search-result-title', link));
  if (kind === 'article' && meta.date) {
    const date = element('time', '', formatDay(meta.date, document.documentElement.lang || 'en'));
    date.dateTime = meta.date;
    text.append(element('p', 'search-result-meta', date, ...(meta.topic ? [` · ${meta.topic}`] : [])));
  }
  text.append(element('p', 'search-result-excerpt', ...excerptNodes(excerpt, content)));
  item.append(text);
  if (meta.image) {
    const image = element('img', 'search-result-image');
    Object.assign(image, { src: meta.image, alt: meta.image_alt ?? '', loading: 'lazy', decoding: 'async' });
    image.width = THUMBNAIL.width / 2;
    image.height = THUMBNAIL.height / 2;
    item.append(image);
  }
  return item;
}

/**
 * The excerpt as text and `<mark>`s, with an ellipsis where it cuts the page's text. Pagefind
 * escapes the page's text before it marks the words found; the excerpt is still rebuilt from
 * text, so nothing but a mark can come from the index.
 */
function excerptNodes(excerpt: string, content: string): Node[] {
  // A parsed document is inert: nothing in it runs or loads.
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html').body;
  const nodes: Node[] = [...parsed.childNodes].map((node) =>
    node.nodeName === 'MARK' ? element('mark', '', node.textContent ?? '') : document.createTextNode(node.textContent ?? ''),
  );
  const text = parsed.textContent?.trim() ?? '';
  if (!content.trimStart().startsWith(text)) nodes.unshift(document.createTextNode('… '));
  if (!content.trimEnd().endsWith(text)) nodes.push(document.createTextNode(' …'));
  return nodes;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}
