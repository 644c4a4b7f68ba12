/**
 * `npm run new:author`: writes `content/authors/<id>.md` with a name, a role and a biography to
 * fill in. Values not given as flags are asked for; an existing profile is never overwritten.
 *
 *   npm run new:author -- --name "Jane Doe" --role "Contributor" [--id jane-doe]
 */
import { parseArgs } from 'node:util';
import { site } from './lib/site.ts';
import { createAsker } from './lib/prompt.ts';
import { planAuthor, requireValues, writePlanned } from './lib/scaffold.ts';

const { values } = parseArgs({
  options: { name: { type: 'string' }, role: { type: 'string' }, id: { type: 'string' } },
});

const asker = createAsker();
const answers = requireValues('new:author', {
  name: values.name ?? (await asker.ask('Full name, as in bylines: ')),
  role: values.role ?? (await asker.ask('Role, e.g. "Contributor" or "Science editor": ')),
});
asker.close();

const plan = planAuthor({ ...answers, id: values.id }, { contentRoot: site.contentRoot, projectRoot: site.root, timeZone: site.timeZone });
const id = writePlanned(plan);
console.log(
  `Created ${plan.path}.\nWrite your biography there; add a square portrait beside it as avatar: ./${id}.jpg if you like.\n` +
    `Articles name you as: authors: [${id}]`,
);
