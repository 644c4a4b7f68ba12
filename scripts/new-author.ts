/**
 * `npm run new:author`: writes `content/authors/<id>.md` with a name, a role and a biography to
 * fill in. Values not given as flags are asked for; an existing profile is never overwritten.
 *
 *   npm run new:author -- --name "Jane Doe" --role "Contributor" [--id jane-doe]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblems } from '../src/lib/validate.ts';
import { site } from '../src/site.config.ts';
import { createAsker } from './lib/prompt.ts';
import { planAuthor } from './lib/scaffold.ts';

const { values } = parseArgs({
  options: { name: { type: 'string' }, role: { type: 'string' }, id: { type: 'string' } },
});

const asker = createAsker();
const name = values.name ?? (await asker.ask('Full name, as in bylines: '));
const role = values.role ?? (await asker.ask('Role, e.g. "Contributor" or "Science editor": '));
asker.close();

const missing = Object.entries({ name, role }).filter(([, value]) => !value);
if (missing.length > 0) {
  console.error(`new:author: no value for ${missing.map(([key]) => `--${key}`).join(', ')}. Give them as flags or answer the questions.`);
  process.exit(1);
}

const plan = planAuthor({ name: name!, role: role!, id: values.id }, { contentRoot: site.contentRoot, projectRoot: process.cwd(), timeZone: site.timeZone });
if (plan.problems.length > 0) {
  console.error(`Nothing was written: ${plan.problems.length} problem(s).\n\n${formatProblems(plan.problems)}`);
  process.exit(1);
}
const file = resolve(plan.path);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, plan.source, { flag: 'wx' });
const id = file.replace(/^.*[\\/]/, '').replace(/\.md$/, '');
console.log(
  `Created ${plan.path}.\nWrite your biography there; add a square portrait beside it as avatar: ./${id}.jpg if you like.\n` +
    `Articles name you as: authors: [${id}]`,
);
