import { absoluteUrl } from '../lib/urls.ts';
import { paths, site } from '../site.config.ts';

export function GET() {
  const body = ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(paths.sitemap(), site.url)}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
