/**
 * `npm run new:article`: writes `content/articles/<slug>.mdx` with valid frontmatter, today's date in
 * the site's time zone and `draft: true`. Values not given as flags are asked for. The authors and
 * topics are checked against the collections first, and an existing file is never overwritten.
 *
 *   npm run new:article -- --title "…" --description "…" --authors wei-zhang --topics electric,research
 */
import { parseArgs } from 'node:util';
import { isoDay } from '../src/lib/dates.ts';
import { paths, site } from './lib/site.ts';
import { createAsker } from './lib/prompt.ts';
import { knownIds, planArticle, requireValues, splitList, writePlanned } from './lib/scaffold.ts';

const { values } = parseArgs({
  options: {
    title: { type: 'string' },
    description: { type: 'string' },
    authors: { type: 'string' },
    topics: { type: 'string' },
  },
});

const known = knownIds(site.contentRoot);
const asker = createAsker();
const answers = requireValues('new:article', {
  title: values.title ?? (await asker.ask('Title (at most 120 characters): ')),
  description: values.description ?? (await asker.ask('Standfirst, one or two sentences (at most 260 characters): ')),
  authors: values.authors ?? (await asker.ask(`Author ids, comma-separated (${[...known.authors].sort().join(', ')}): `)),
  topics: values.topics ?? (await asker.ask(`Topic ids, comma-separated (${[...known.topics].sort().join(', ')}): `)),
});
asker.close();

const plan = planArticle(
  { ...answers, authors: splitList(answers.authors), topics: splitList(answers.topics), published: isoDay(new Date(), site.timeZone) },
  { contentRoot: site.contentRoot, projectRoot: site.root, timeZone: site.timeZone },
);
const slug = writePlanned(plan);
console.log(
  `Created ${plan.path} as a draft.\n` +
    `Write it, run \`npm run check:content\`, and preview it with \`npm run dev\` at ${paths.article(slug)}.\n` +
    'Images: turn the file into a folder, articles/<slug>/index.mdx, with the images beside it.',
);
