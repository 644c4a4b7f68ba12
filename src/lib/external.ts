/**
 * Links that leave the site: edit and report links into the repository, and share links.
 * Share links are plain URLs: no third-party script, no tracking parameters.
 */

export interface Repository {
  url: string;
  branch: string;
}

/** The repository's editor for a source file (a path relative to the project root). */
export function editUrl(repository: Repository, filePath: string): string {
  const clean = filePath.replace(/^\.?\//, '');
  return `${repository.url}/edit/${repository.branch}/${clean.split('/').map(encodeURIComponent).join('/')}`;
}

/** A pre-filled new issue for reporting an error on a page. */
export function reportIssueUrl(repository: Repository, pageTitle: string, pageUrl: string): string {
  const params = new URLSearchParams({
    title: `Correction: ${pageTitle}`,
    body: `Page: ${pageUrl}\n\nWhat is wrong, and how do you know?\n`,
  });
  return `${repository.url}/issues/new?${params}`;
}

/** A mailto: link for reporting an error by e-mail. */
export function reportEmailUrl(address: string, pageTitle: string, pageUrl: string): string {
  const params = new URLSearchParams({ subject: `Correction: ${pageTitle}`, body: `Page: ${pageUrl}\n\n` });
  // mailto: wants %20 for spaces; URLSearchParams writes "+".
  return `mailto:${address}?${params.toString().replace(/\+/g, '%20')}`;
}

export interface ShareLink {
  network: string;
  label: string;
  href: string;
}

/** Share links for a page, in display order. */
export function shareLinks(pageUrl: string, title: string): ShareLink[] {
  const url = encodeURIComponent(pageUrl);
  const text = encodeURIComponent(title);
  const both = encodeURIComponent(`${title} ${pageUrl}`);
  return [
    { network: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { network: 'x', label: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
    { network: 'bluesky', label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${both}` },
    // Mastodon has no central server: Share₂Fedi (open source, no tracking) asks for the reader's instance.
    { network: 'mastodon', label: 'Mastodon', href: `https://s2f.kytta.dev/?text=${both}` },
    { network: 'email', label: 'Email', href: `mailto:?subject=${text}&body=${url}` },
  ];
}
