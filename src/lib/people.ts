/**
 * Authors as structured data needs them: absolute URLs for the profile and the portrait. Lives
 * beside content.ts because the portrait URL comes from Astro's image pipeline.
 */
import { getImage } from 'astro:assets';
import { paths, site } from '../config.ts';
import type { Author } from './content.ts';
import { fediverseHandle, type OrganizationInput, type PersonInput } from './structured-data.ts';
import { absoluteUrl } from './urls.ts';

export async function personInput(author: Author): Promise<PersonInput> {
  const image = author.data.avatar
    ? absoluteUrl((await getImage({ src: author.data.avatar, width: 400, height: 400, format: 'jpeg' })).src, site.url)
    : undefined;
  return {
    name: author.data.name,
    jobTitle: author.data.role,
    url: absoluteUrl(paths.author(author.id), site.url),
    image,
    sameAs: (author.data.links ?? []).map((link) => link.url),
  };
}

/** `@user@host` handles from an author's Mastodon-style links, for `fediverse:creator`. */
export function fediverseHandles(author: Author): string[] {
  return (author.data.links ?? []).flatMap((link) => fediverseHandle(link.url) ?? []);
}

export const publisher: OrganizationInput = {
  name: site.publisher.name,
  url: site.publisher.url,
  logo: absoluteUrl(paths.withBase(site.publisher.logo), site.url),
};
