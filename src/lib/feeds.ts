/** Helpers for feed output: feed readers need absolute URLs everywhere. */

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite))=(["'])(.*?)\2/gi;
const SRCSET_ATTRIBUTE = /(\ssrcset)=(["'])(.*?)\2/gi;

function resolve(value: string, pageUrl: string): string {
  const trimmed = value.trim();
  // Leave fragments-only, mailto:, data: and other schemes as they are, except relative paths.
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  if (trimmed.startsWith('#')) return `${pageUrl}${trimmed}`;
  return new URL(trimmed, pageUrl).href;
}

/**
 * Rewrites every relative `href`, `src`, `poster`, `cite` and `srcset` URL in an HTML fragment to an
 * absolute one, resolved against the page the fragment comes from.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return html
    .replace(URL_ATTRIBUTE, (_, name: string, quote: string, value: string) => `${name}=${quote}${resolve(value, pageUrl)}${quote}`)
    .replace(SRCSET_ATTRIBUTE, (_, name: string, quote: string, value: string) => {
      const candidates = value.split(',').map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
        return [resolve(url, pageUrl), ...descriptor].join(' ');
      });
      return `${name}=${quote}${candidates.join(', ')}${quote}`;
    });
}

export interface FeedArticle {
  title: string;
  description: string;
  /** Absolute URL of the article. */
  url: string;
  published: Date;
  /** Full HTML with absolute URLs. */
  content: string;
  authors: string[];
  categories: string[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One @astrojs/rss item. Authors go in `dc:creator`: RSS's own `<author>` must be an e-mail address. */
export function rssItem(article: FeedArticle) {
  return {
    title: article.title,
    description: article.description,
    link: article.url,
    pubDate: article.published,
    content: article.content,
    categories: article.categories,
    customData: article.authors.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join(''),
  };
}
