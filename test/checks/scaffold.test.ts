/**
 * `npm run new:article` and `npm run new:author` end to end, on a copy of content/ in a temporary
 * folder: what they write passes the content check, and what they refuse leaves no file behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkContent } from '../../src/lib/check/index.ts';
import { slugify, splitList } from '../../scripts/lib/scaffold.ts';
import { isoDay } from '../../src/lib/dates.ts';
import { site } from '../../src/site.config.ts';
import { makeContent, ROOT, TMP } from '../helpers.ts';

const DIR = join(TMP, 'scaffold');

function run(script: 'new-article' | 'new-author', args: string[], input = '') {
  const result = spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, CONTENT_DIR: DIR },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function frontmatter(file: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} has no frontmatter`);
  return parse(match[1]!) as Record<string, unknown>;
}

const problemsIn = () => checkContent({ contentRoot: DIR, projectRoot: ROOT, timeZone: site.timeZone });

beforeAll(() => {
  makeContent(DIR);
});

describe('slugs and lists', () => {
  it('makes a URL slug from a title', () => {
    expect(slugify('Nissan’s new lab: 12 EVs & 40 "autonomous" cars')).toBe('nissans-new-lab-12-evs-and-40-autonomous-cars');
    expect(slugify('Café in Zürich')).toBe('cafe-in-zurich');
  });
  it('reads ids separated by commas or spaces', () => {
    expect(splitList(' electric, research  china,')).toEqual(['electric', 'research', 'china']);
  });
});

describe('npm run new:article', () => {
  const file = join(DIR, 'articles/battery-lab-opens-in-yokohama.mdx');

  it('writes a draft with valid frontmatter and today’s date in the site’s time zone', () => {
    const result = run('new-article', [
      '--title',
      'Battery lab opens in Yokohama',
      '--description',
      'Nissan says the lab will test solid-state cells: "a first step".',
      '--authors',
      'wei-zhang',
      '--topics',
      'electric,research',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('/articles/battery-lab-opens-in-yokohama/');
    const data = frontmatter(file);
    expect(data).toMatchObject({
      title: 'Battery lab opens in Yokohama',
      description: 'Nissan says the lab will test solid-state cells: "a first step".',
      authors: ['wei-zhang'],
      topics: ['electric', 'research'],
      draft: true,
    });
    expect(String(data.published)).toBe(isoDay(new Date(), site.timeZone));
    expect(problemsIn()).toEqual([]);
  });

  it('refuses to overwrite an existing article', () => {
    const before = readFileSync(file, 'utf8');
    const result = run('new-article', [
      '--title',
      'Battery lab opens in Yokohama',
      '--description',
      'Another.',
      '--authors',
      'lena-hartmann',
      '--topics',
      'china',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/articles\/battery-lab-opens-in-yokohama\.mdx already exists; it was not overwritten/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses unknown authors and topics, naming the line and the known ids, and writes nothing', () => {
    const result = run('new-article', [
      '--title',
      'A story by nobody',
      '--description',
      'Nothing.',
      '--authors',
      'wei-zhang,jdoe',
      '--topics',
      'mars',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/a-story-by-nobody\.mdx:5 authors\[1\]: unknown author "jdoe" \(known: lena-hartmann, wei-zhang\)/);
    expect(result.stderr).toMatch(/a-story-by-nobody\.mdx:6 topics\[0\]: unknown topic "mars"/);
    expect(existsSync(join(DIR, 'articles/a-story-by-nobody.mdx'))).toBe(false);
  });

  it('refuses a title over the limit with the schema’s message', () => {
    const result = run('new-article', [
      '--title',
      'x'.repeat(121),
      '--description',
      'Too long.',
      '--authors',
      'wei-zhang',
      '--topics',
      'china',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/:2 title: title must be at most 120 characters \(this one has 121; shorten it by 1\)/);
  });

  it('asks for the values not given as flags', () => {
    const result = run(
      'new-article',
      ['--topics', 'china'],
      'Shanghai lab hires 100 engineers\nThe lab plans to grow.\nlena-hartmann wei-zhang\n',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Title .*Standfirst.*Author ids, comma-separated \(lena-hartmann, wei-zhang\)/s);
    expect(frontmatter(join(DIR, 'articles/shanghai-lab-hires-100-engineers.mdx'))).toMatchObject({
      title: 'Shanghai lab hires 100 engineers',
      authors: ['lena-hartmann', 'wei-zhang'],
      topics: ['china'],
    });
    expect(problemsIn()).toEqual([]);
  });

  it('names the values still missing when the input ends', () => {
    const result = run('new-article', ['--title', 'Half an answer'], 'A standfirst.\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no value for --authors, --topics/);
    expect(existsSync(join(DIR, 'articles/half-an-answer.mdx'))).toBe(false);
  });
});

describe('npm run new:author', () => {
  it('writes a profile that articles can then name', () => {
    const result = run('new-author', ['--name', 'Amélie Dubois', '--role', 'Contributor']);
    expect(result.status).toBe(0);
    expect(frontmatter(join(DIR, 'authors/amelie-dubois.md'))).toEqual({ name: 'Amélie Dubois', role: 'Contributor' });
    const article = run('new-article', [
      '--title',
      'A first article',
      '--description',
      'By a new contributor.',
      '--authors',
      'amelie-dubois',
      '--topics',
      'research',
    ]);
    expect(article.status).toBe(0);
    expect(frontmatter(join(DIR, 'articles/a-first-article.mdx'))).toMatchObject({ authors: ['amelie-dubois'], topics: ['research'] });
    expect(problemsIn()).toEqual([]);
  });

  it('refuses to overwrite a profile and rejects an unusable id', () => {
    const again = run('new-author', ['--name', 'Someone Else', '--role', 'Editor', '--id', 'wei-zhang']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/authors\/wei-zhang\.md already exists; it was not overwritten/);
    expect(readFileSync(join(DIR, 'authors/wei-zhang.md'), 'utf8')).toContain('name: Wei Zhang');
    const badId = run('new-author', ['--name', 'Bad Id', '--role', 'Editor', '--id', 'Bad_Id']);
    expect(badId.status).toBe(1);
    expect(badId.stderr).toMatch(/id: "Bad_Id" is not a usable author id/);
  });
});
