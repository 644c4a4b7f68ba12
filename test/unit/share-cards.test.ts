import { describe, expect, it } from 'vitest';
import { cardFor, cardImage, type CardSubject } from '../../src/lib/share-cards.ts';
import { makePaths } from '../../src/lib/urls.ts';

const site = { title: 'The Mobility Desk', description: 'Reporting on the research behind electric vehicles.' };
const paths = makePaths('/newsroom');
const subjects: CardSubject[] = [
  { kind: 'site' },
  { kind: 'article', slug: 'shanghai-lab', title: 'A joint lab opens in Shanghai', topic: 'China' },
  { kind: 'topic', id: 'china', name: 'China' },
  { kind: 'author', id: 'wei-zhang', name: 'Wei Zhang', role: 'Shanghai correspondent' },
  { kind: 'page', slug: 'about', title: 'About us' },
];

describe('share cards', () => {
  it('give each kind of page a card of its own, under the base path', () => {
    const cards = subjects.map((subject) => cardFor(subject, site, paths).path);
    expect(new Set(cards).size).toBe(subjects.length);
    for (const path of cards) expect(path).toMatch(/^\/newsroom\/og\/.+\.png$/);
  });

  it("show an article's headline under its topic, and the site's name", () => {
    expect(cardFor(subjects[1]!, site, paths).text).toEqual({
      title: 'A joint lab opens in Shanghai',
      topic: 'China',
      siteName: 'The Mobility Desk',
    });
  });

  it("show the site's description on its own card, and an author's role above the name", () => {
    expect(cardFor({ kind: 'site' }, site, paths).text.title).toBe(site.description);
    expect(cardFor(subjects[3]!, site, paths).text).toMatchObject({ title: 'Wei Zhang', topic: 'Shanghai correspondent' });
  });

  it('describe in their alt text the words they show', () => {
    expect(cardFor({ kind: 'site' }, site, paths).alt).toBe(`The Mobility Desk: ${site.description}`);
    expect(cardFor(subjects[2]!, site, paths).alt).toBe('China, The Mobility Desk');
    expect(cardFor(subjects[3]!, site, paths).alt).toBe('Wei Zhang, Shanghai correspondent, The Mobility Desk');
    expect(cardFor(subjects[4]!, site, paths).alt).toBe('About us, The Mobility Desk');
  });

  it('are shared as an absolute URL with the size they are drawn at', () => {
    expect(cardImage(cardFor(subjects[2]!, site, paths), 'https://news.example.org')).toEqual({
      url: 'https://news.example.org/newsroom/og/topics/china.png',
      alt: 'China, The Mobility Desk',
      width: 1200,
      height: 630,
    });
  });
});
