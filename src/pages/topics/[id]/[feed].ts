/** A topic's feeds: /topics/<id>/rss.xml, atom.xml and feed.json. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getTopics, type Topic } from '../../../lib/content.ts';
import { feedKey, feedResponse } from '../../../lib/feed-data.ts';
import { FEED_FILES, type FeedFormat } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const topics = await getTopics();
  return (
    await Promise.all(
      topics.map(async (topic) => {
        const cacheKey = await feedKey({ topic });
        return Object.entries(FEED_FILES).map(([format, file]) => ({
          params: { id: topic.id, feed: file },
          props: { topic, format },
          cacheKey,
        }));
      }),
    )
  ).flat();
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ topic: Topic; format: FeedFormat }> = ({ props }) => feedResponse(props.format, { topic: props.topic });
