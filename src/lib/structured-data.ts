/**
 * schema.org JSON-LD for search engines and link previews: a `NewsArticle` and its breadcrumbs on
 * article pages, a `Person` on author pages, the `WebSite` on the home page. Plain data in, plain
 * objects out; pages put the result in one `<script type="application/ld+json">`.
 * https://developers.google.com/search/docs/appearance/structured-data/article
 */

export interface PersonInput {
  name: string;
  jobTitle: string;
  /** Absolute URL of the author page. */
  url: string;
  /** Absolute URL of the portrait. */
  image?: string | undefined;
  /** Absolute URLs of the person's other profiles. */
  sameAs?: readonly string[] | undefined;
}

export interface OrganizationInput {
  name: string;
  url: string;
  /** Absolute URL of a square raster logo. */
  logo: string;
}

export interface ArticleInput {
  /** Absolute canonical URL. */
  url: string;
  headline: string;
  description: string;
  published: Date;
  modified: Date;
  /** Absolute image URLs, largest first. */
  images: readonly string[];
  authors: readonly PersonInput[];
  publisher: OrganizationInput;
  /** The first topic's name. */
  section: string;
  keywords: readonly string[];
  /** Dateline, e.g. "Shanghai". */
  location?: string | undefined;
  language: string;
}

type Thing = Record<string, unknown>;

export function personLd(person: PersonInput): Thing {
  return {
    '@type': 'Person',
    '@id': `${person.url}#person`,
    name: person.name,
    jobTitle: person.jobTitle,
    url: person.url,
    ...(person.image ? { image: person.image } : {}),
    ...(person.sameAs?.length ? { sameAs: [...person.sameAs] } : {}),
  };
}

export function organizationLd(org: OrganizationInput): Thing {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${org.url}#publisher`,
    name: org.name,
    url: org.url,
    logo: { '@type': 'ImageObject', url: org.logo },
  };
}

export function newsArticleLd(article: ArticleInput): Thing {
  return {
    '@type': 'NewsArticle',
    '@id': `${article.url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    url: article.url,
    headline: article.headline,
    description: article.description,
    inLanguage: article.language,
    datePublished: article.published.toISOString(),
    dateModified: article.modified.toISOString(),
    ...(article.images.length ? { image: [...article.images] } : {}),
    author: article.authors.map(personLd),
    publisher: organizationLd(article.publisher),
    articleSection: article.section,
    keywords: article.keywords.join(', '),
    ...(article.location ? { dateline: article.location, locationCreated: { '@type': 'Place', name: article.location } } : {}),
  };
}

/** Breadcrumbs from the home page down to the page itself; each item an absolute URL. */
export function breadcrumbLd(items: readonly { name: string; url: string }[]): Thing {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({ '@type': 'ListItem', position: index + 1, name: item.name, item: item.url })),
  };
}

export function websiteLd(site: { name: string; url: string; description: string; language: string; publisher: OrganizationInput }): Thing {
  return {
    '@type': 'WebSite',
    '@id': `${site.url}#website`,
    name: site.name,
    url: site.url,
    description: site.description,
    inLanguage: site.language,
    publisher: organizationLd(site.publisher),
  };
}

/** A `@graph` document, serialised so that it cannot close its `<script>` element early. */
export function jsonLd(things: readonly Thing[]): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': things }).replace(/</g, '\\u003c');
}

/** `@user@host` from a Mastodon-style profile URL (`https://host/@user`), for `fediverse:creator`. */
export function fediverseHandle(url: string): string | undefined {
  try {
    const { host, pathname } = new URL(url);
    const user = /^\/@([A-Za-z0-9_.-]+)\/?$/.exec(pathname)?.[1];
    return user ? `@${user}@${host}` : undefined;
  } catch {
    return undefined;
  }
}
