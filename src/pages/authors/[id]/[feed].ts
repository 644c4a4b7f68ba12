/** An author's feeds: /authors/<id>/rss.xml, atom.xml and feed.json. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getAuthors, type Author } from '../../../lib/content.ts';
import { feedKey, feedResponse } from '../../../lib/feed-data.ts';
import { FEED_FILES, type FeedFormat } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const authors = await getAuthors();
  return (
    await Promise.all(
      authors.map(async (author) => {
        const cacheKey = await feedKey({ author });
        return Object.entries(FEED_FILES).map(([format, file]) => ({
          params: { id: author.id, feed: file },
          props: { author, format },
          cacheKey,
        }));
      }),
    )
  ).flat();
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ author: Author; format: FeedFormat }> = ({ props }) => feedResponse(props.format, { author: props.author });
