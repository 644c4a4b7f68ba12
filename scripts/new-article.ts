/**
 * `npm run new:article`: writes `content/articles/<slug>.mdx` with valid frontmatter, today's date in
 * the site's time zone and `draft: true`. Values not given as flags are asked for. The authors and
 * topics are checked against the collections first, and an existing file is never overwritten.
 *
 *   npm run new:article -- --title "…" --description "…" --authors wei-zhang --topics electric,research
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isoDay } from '../src/lib/dates.ts';
import { formatProblems } from '../src/lib/validate.ts';
import { paths, site } from '../src/site.config.ts';
import { createAsker } from './lib/prompt.ts';
import { knownIds, planArticle, splitList } from './lib/scaffold.ts';

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
const title = values.title ?? (await asker.ask('Title (at most 120 characters): '));
const description = values.description ?? (await asker.ask('Standfirst, one or two sentences (at most 260 characters): '));
const authors = values.authors ?? (await asker.ask(`Author ids, comma-separated (${[...known.authors].sort().join(', ')}): `));
const topics = values.topics ?? (await asker.ask(`Topic ids, comma-separated (${[...known.topics].sort().join(', ')}): `));
asker.close();

const missing = Object.entries({ title, description, authors, topics }).filter(([, value]) => !value);
if (missing.length > 0) {
  const names = missing.map(([name]) => `--${name}`).join(', ');
  console.error(`new:article: no value for ${names}. Give them as flags or answer the questions.`);
  process.exit(1);
}

const plan = planArticle(
  { title: title!, description: description!, authors: splitList(authors), topics: splitList(topics), published: isoDay(new Date(), site.timeZone) },
  { contentRoot: site.contentRoot, projectRoot: process.cwd(), timeZone: site.timeZone },
);
if (plan.problems.length > 0) {
  console.error(`Nothing was written: ${plan.problems.length} problem(s).\n\n${formatProblems(plan.problems)}`);
  process.exit(1);
}
const file = resolve(plan.path);
mkdirSync(dirname(file), { recursive: true });
// `wx`: fail rather than overwrite, even if the file appeared since the check.
writeFileSync(file, plan.source, { flag: 'wx' });
const slug = file.replace(/^.*[\\/]/, '').replace(/\.mdx$/, '');
console.log(
  `Created ${plan.path} as a draft.\n` +
    `Write it, run \`npm run check:content\`, and preview it with \`npm run dev\` at ${paths.article(slug)}.\n` +
    'Images: turn the file into a folder, articles/<slug>/index.mdx, with the images beside it.',
);
