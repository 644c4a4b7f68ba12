/**
 * The components contributors may use in MDX without importing them. Pages pass this map to
 * `<Content components={mdxComponents} />` and the feed renders articles with the same map.
 */
import Callout from './Callout.astro';
import Link from './Link.astro';
import PullQuote from './PullQuote.astro';

export const mdxComponents = { a: Link, Callout, PullQuote };
