/**
 * Which files of a content folder are entries, under which id (src/lib/check/files.ts): the one
 * listing the content check and the content loader share, with the file names and links a
 * careless or hostile contributor could send.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listContentFiles, resolveEntryFile } from '../../src/lib/check/files.ts';

let root: string;
const display = (file: string) => `content/${file}`;
const write = (file: string, text = 'x') => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'content-files-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('listContentFiles', () => {
  it('gives each article, author and page its id from the file name', () => {
    for (const file of [
      'articles/a-story.mdx',
      'articles/with-images/index.mdx',
      'articles/with-images/photo.jpg',
      'authors/ann.md',
      'pages/about.mdx',
      'topics.yaml',
    ]) {
      write(file);
    }
    const { entries, problems } = listContentFiles(root, display);
    expect(problems).toEqual([]);
    expect(entries.map((entry) => `${entry.collection}:${entry.id}`)).toEqual([
      'articles:a-story',
      'articles:with-images',
      'authors:ann',
      'pages:about',
    ]);
  });

  it('refuses a name that is not already a slug, with the name to use, and publishes nothing for it', () => {
    write('articles/Foo Bar.mdx');
    write('articles/Foo.mdx');
    write('articles/foo.mdx');
    write('articles/....mdx');
    const { entries, problems } = listContentFiles(root, display);
    expect(entries.map((entry) => entry.id)).toEqual(['foo']);
    expect(problems.map((p) => `${p.file}: ${p.message} | ${p.hint}`)).toEqual([
      'content/articles/....mdx: "..." is not a URL slug: the address would be changed to "(nothing)" | name it with letters or digits, words joined by hyphens',
      'content/articles/Foo Bar.mdx: "Foo Bar" is not a URL slug: the address would be changed to "foo-bar" | rename it to articles/foo-bar.mdx',
      'content/articles/Foo.mdx: "Foo" is not a URL slug: the address would be changed to "foo" | rename it to articles/foo.mdx',
    ]);
  });

  it('accepts a slug in another script', () => {
    write('articles/café-汽车.mdx');
    expect(listContentFiles(root, display).entries.map((entry) => entry.id)).toEqual(['café-汽车']);
  });

  it('refuses two files for one address, and files in the wrong place', () => {
    write('articles/same.mdx');
    write('articles/same/index.mdx');
    write('articles/deep/er/x.mdx');
    write('articles/notes.md');
    write('authors/nested/ann.md');
    const { problems } = listContentFiles(root, display);
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'content/articles/deep/er/x.mdx: articles live at articles/<slug>.mdx or articles/<slug>/index.mdx',
      'content/articles/notes.md: articles live at articles/<slug>.mdx or articles/<slug>/index.mdx',
      'content/articles/same/index.mdx: the slug "same" is already used by content/articles/same.mdx',
      'content/authors/nested/ann.md: authors live at authors/<id>.md',
    ]);
  });

  it('refuses symbolic links instead of following them out of the content folder', () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    try {
      writeFileSync(join(outside, 'secret.mdx'), 'x');
      mkdirSync(join(root, 'articles'));
      symlinkSync(outside, join(root, 'articles', 'linked'));
      symlinkSync(join(outside, 'secret.mdx'), join(root, 'articles', 'file.mdx'));
      const { entries, problems } = listContentFiles(root, display);
      expect(entries).toEqual([]);
      expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
        'content/articles/file.mdx: symbolic links are not followed in the content folder',
        'content/articles/linked: symbolic links are not followed in the content folder',
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('resolveEntryFile', () => {
  it('finds a file beside the entry', () => {
    write('articles/a/photo.jpg');
    expect(resolveEntryFile(root, 'articles/a/index.mdx', './photo.jpg', display)).toEqual({ path: join(root, 'articles/a/photo.jpg') });
  });

  it('refuses a path out of the content folder, a link, a folder and a missing file', () => {
    write('articles/a/index.mdx');
    mkdirSync(join(root, 'articles/a/folder'));
    symlinkSync('/etc/hostname', join(root, 'articles/a/link.jpg'));
    const problem = (written: string) => {
      const found = resolveEntryFile(root, 'articles/a/index.mdx', written, display);
      return 'problem' in found ? found.problem : 'found';
    };
    expect(problem('../../../../etc/passwd')).toBe('"../../../../etc/passwd" is outside the content folder');
    expect(problem('./link.jpg')).toBe('"./link.jpg" is a symbolic link');
    expect(problem('./folder')).toBe('"./folder" is not a file');
    expect(problem('./missing.jpg')).toBe('image file "./missing.jpg" not found (looked for content/articles/a/missing.jpg)');
  });
});
