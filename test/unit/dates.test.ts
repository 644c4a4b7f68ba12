import { describe, expect, it } from 'vitest';
import { formatDate, isoDay, parseContentDate, startOfDayIn } from '../../src/lib/dates.ts';

describe('parseContentDate', () => {
  it('reads a date-only string as midnight in the site time zone', () => {
    expect((parseContentDate('2019-02-28', 'Asia/Shanghai') as Date).toISOString()).toBe('2019-02-27T16:00:00.000Z');
    expect((parseContentDate('2019-02-28', 'America/New_York') as Date).toISOString()).toBe('2019-02-28T05:00:00.000Z');
  });

  it('reads a YAML date (UTC midnight) as that calendar day in the site time zone', () => {
    const yamlDate = new Date(Date.UTC(2019, 1, 28));
    const parsed = parseContentDate(yamlDate, 'America/Los_Angeles') as Date;
    expect(isoDay(parsed, 'America/Los_Angeles')).toBe('2019-02-28');
    expect(formatDate(parsed, 'en-GB', 'America/Los_Angeles')).toBe('28 February 2019');
  });

  it('names the weekday of that day in the full style', () => {
    const parsed = parseContentDate('2019-03-11', 'Asia/Shanghai') as Date;
    expect(formatDate(parsed, 'en-GB', 'Asia/Shanghai', 'full')).toBe('Monday, 11 March 2019');
    // The same instant is still Sunday in London.
    expect(formatDate(parsed, 'en-GB', 'Europe/London', 'full')).toBe('Sunday, 10 March 2019');
  });

  it('keeps a date-time with offset as the exact moment', () => {
    expect((parseContentDate('2019-02-28T09:30:00+08:00', 'Europe/London') as Date).toISOString()).toBe('2019-02-28T01:30:00.000Z');
  });

  it('handles summer time', () => {
    expect((parseContentDate('2019-07-01', 'Europe/London') as Date).toISOString()).toBe('2019-06-30T23:00:00.000Z');
    // 31 March 2019: the clocks went forward at 01:00, after midnight.
    expect(startOfDayIn(2019, 3, 31, 'Europe/London').toISOString()).toBe('2019-03-31T00:00:00.000Z');
  });

  it.each([
    ['2019-02-30', /not a calendar date/],
    ['28/02/2019', /must be a date like/],
    ['2019-02-28T09:30:00', /offset/],
    ['yesterday', /must be a date like/],
  ])('rejects %j with a message', (input, message) => {
    expect(parseContentDate(input, 'Europe/London')).toMatch(message);
  });

  it('rejects values that are not dates or strings', () => {
    expect(parseContentDate(2019, 'UTC')).toMatch(/must be a date/);
    expect(parseContentDate(new Date('nope'), 'UTC')).toMatch(/not a valid date/);
  });
});
