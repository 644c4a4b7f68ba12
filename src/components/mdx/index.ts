/**
 * The components contributors may use in MDX without importing them. Pages pass this map to
 * `<Content components={mdxComponents} />` and the feed renders articles with the same map.
 * `approved.ts` lists the same names for the content check; the type below keeps them in step.
 */
import type { ApprovedComponent } from './approved.ts';
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Link from './Link.astro';
import MapEmbed from './MapEmbed.astro';
import PullQuote from './PullQuote.astro';
import Video from './Video.astro';

const approved = { Callout, Figure, MapEmbed, PullQuote, Video } satisfies Record<ApprovedComponent, unknown>;

export const mdxComponents = { a: Link, ...approved };
