import { feedResponse } from '../lib/feed-data.ts';

export const GET = () => feedResponse('rss', undefined);
