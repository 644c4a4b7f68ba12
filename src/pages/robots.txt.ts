import { absoluteUrl } from '../lib/urls.ts';
import { paths, site } from '../config.ts';

export function GET() {
  // A preview build (drafts included) must never be indexed, even if it is deployed by mistake.
  const body = site.drafts
    ? ['User-agent: *', 'Disallow: /', ''].join('\n')
    : ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(paths.sitemap(), site.url)}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
