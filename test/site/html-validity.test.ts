/**
 * Every page of the test build against html-validate, with the project's own settings
 * (.htmlvalidate.mjs: the recommended preset, accessibility rules included). A failure lists each
 * problem as page:line:column rule: message.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate, type Report } from 'html-validate';
import { describe, expect, it } from 'vitest';
import config from '../../.htmlvalidate.mjs';
import { SITE_DIST } from '../helpers.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(SITE_DIST, full)];
  });
}

const pages = files(SITE_DIST).filter((file) => file.endsWith('.html'));
const validator = new HtmlValidate(config);

/** Each problem of a report as `file:line:column rule: message`. */
const problems = (file: string, report: Report) =>
  report.results.flatMap((result) => result.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));

describe('HTML validity', () => {
  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThan(20);
  });

  it('reports what the settings promise: markup errors, accessibility, an element after </html>', async () => {
    const page = (body: string, { after = '', title = 'Test' } = {}) =>
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>${after}`;
    const rules = async (html: string) =>
      (await validator.validateString(html, 'fixture.html')).results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(await rules(page('<ul role="list"><li>kept: WebKit needs it</li></ul>'))).toEqual([]);
    expect(await rules(page('<p>A headline as long as the content contract allows</p>', { title: 'h'.repeat(120) }))).toEqual([]);
    expect(await rules(page('<p>Longer than any headline may be</p>', { title: 'h'.repeat(121) }))).toEqual(['long-title']);
    expect(await rules(page('<ul><p>not a list item</p></ul>'))).toContain('element-permitted-content');
    expect(await rules(page('<img src="/x.png">'))).toContain('wcag/h37');
    expect(await rules(page('<nav role="navigation"></nav>'))).toContain('no-redundant-role');
    expect(await rules(page('', { after: '<script type="module">run()</script>' }))).toEqual(['newsroom/inside-html']);
  });

  it.each(pages)('%s passes html-validate', async (file) => {
    const report = await validator.validateString(readFileSync(join(SITE_DIST, file), 'utf8'), file);
    expect(problems(file, report)).toEqual([]);
  });
});
