/**
 * The `<title>` of a page: its own title with the site's name after it, when both fit in what
 * search results and browser tabs show (about 60 characters); a long headline goes alone, since
 * the site's name is cut off anyway and `og:site_name` carries it.
 */
export const TITLE_BUDGET = 60;

export function documentTitle(title: string | undefined, siteTitle: string): string {
  if (!title) return siteTitle;
  const withSite = `${title} · ${siteTitle}`;
  return withSite.length <= TITLE_BUDGET ? withSite : title;
}
