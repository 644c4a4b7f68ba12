/** An author's feeds: /authors/<id>/rss.xml, atom.xml and feed.json. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getAuthors, type Author } from '../../../lib/content.ts';
import { feedResponse } from '../../../lib/feed-data.ts';
import { FEED_FILES, type FeedFormat } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const authors = await getAuthors();
  return authors.flatMap((author) =>
    Object.entries(FEED_FILES).map(([format, file]) => ({ params: { id: author.id, feed: file }, props: { author, format } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ author: Author; format: FeedFormat }> = ({ props }) => feedResponse(props.format, { author: props.author });
