/**
 * Date handling without timezone surprises.
 *
 * YAML turns `published: 2019-02-28` into midnight UTC, which a reader west of Greenwich would see
 * as 27 February. A date written without a time therefore means that calendar day in the site's
 * time zone: it becomes midnight there. A full date-time with an offset is an exact moment and is
 * kept as it is.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Creating an Intl.DateTimeFormat costs far more than formatting with one, and a build shows
 * thousands of dates: keep one per locale, zone and style.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** Offset of `timeZone` from UTC at the given instant, in minutes (east positive). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatter('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/** Start of each calendar day asked for, by zone and day: an archive has many articles a day. */
const midnights = new Map<string, number>();

/** Midnight at the start of the calendar day `y-m-d` in `timeZone`, as an instant. */
export function startOfDayIn(year: number, month: number, day: number, timeZone: string): Date {
  const key = `${timeZone}|${year}-${month}-${day}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    const guess = Date.UTC(year, month - 1, day);
    // Two passes: the offset at the guessed instant may differ from the offset at the real one
    // when a daylight-saving change falls in between.
    instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
    instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60000;
    midnights.set(key, instant);
  }
  return new Date(instant);
}

/** True when `value` is a real calendar date (rejects 2019-02-30). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Turns a frontmatter date (a YAML Date or a string) into an instant.
 * Returns an error message instead of throwing so the schema can report it against the field.
 */
export function parseContentDate(value: unknown, timeZone: string): Date | string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'is not a valid date';
    // YAML's date-only values arrive as exact UTC midnights: read them as calendar days.
    const isDateOnly =
      value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
    return isDateOnly ? startOfDayIn(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), timeZone) : value;
  }
  if (typeof value !== 'string') return 'must be a date like 2019-02-28 or 2019-02-28T09:30:00+08:00';
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number) as [number, number, number];
    if (!isCalendarDate(year, month, day)) return `"${text}" is not a calendar date`;
    return startOfDayIn(year, month, day, timeZone);
  }
  // A time without an offset would be read in the build machine's zone: refuse it.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return `"${text}" must be a date like 2019-02-28 or a date-time with offset like 2019-02-28T09:30:00+08:00`;
  }
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? `"${text}" is not a valid date` : parsed;
}

/** "28 February 2019" (or with `full`, "Thursday, 28 February 2019") in the site's language and time zone. */
export function formatDate(date: Date, locale: string, timeZone: string, style: 'long' | 'full' = 'long'): string {
  return formatter(locale, { dateStyle: style, timeZone }).format(date);
}

/** `YYYY-MM-DD` of the instant's calendar day in `timeZone`. */
export function isoDay(date: Date, timeZone: string): string {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
