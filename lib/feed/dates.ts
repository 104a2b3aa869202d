// Calendar days as feeds state them: ISO days ("2026-03-11") and the year-less
// "Mar 11" of a trending page. A day is a string "YYYY-MM-DD" throughout the app,
// never a Date, so no time zone can shift it. Pure: "today" is always passed in.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "Mar 11", "March 11", "Sept. 3", "Mar 11, 2024": a month name, a day, an optional year. */
const MONTH_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/;

export type MonthDay = { month: number; day: number; year?: number };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Formats year, month (1-12) and day as "YYYY-MM-DD". */
export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True when the day exists in the calendar (no Feb 30, Feb 29 only in leap years). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY-MM-DD" into a real calendar day, or returns null. */
export function parseIsoDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDay(year, month, day) ? text : null;
}

/** The local calendar day of an instant (the machine's time zone), as "YYYY-MM-DD". */
export function localDay(now: Date = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * Reads a trending page's date line. Returns null when the line is not shaped
 * like one (so titles are never mistaken for dates); a line that is shaped like
 * a date but names no real day ("Feb 30") is returned with `valid: false`.
 */
export function parseMonthDay(line: string): (MonthDay & { valid: boolean }) | null {
  const m = MONTH_DAY.exec(line.trim());
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const month = MONTHS.findIndex((abbr) => name.startsWith(abbr)) + 1;
  // The name must be the month's abbreviation or a prefix of its full English name.
  const full = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" });
  if (month === 0 || !(full.toLowerCase().startsWith(name) || name === "sept")) return null;
  const day = Number(m[2]);
  const year = m[3] ? Number(m[3]) : undefined;
  const valid = isRealDay(year ?? 2000, month, day); // 2000 is a leap year: Feb 29 is checked per year below
  return { month, day, year, valid };
}

/**
 * The most recent date with this month and day that is not after `today`
 * ("YYYY-MM-DD"). Feb 29 goes back to the latest leap year. A stated year is kept.
 */
export function resolveMonthDay({ month, day, year }: MonthDay, today: string): string {
  if (year !== undefined) return isoDay(year, month, day);
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let y = month < tm || (month === tm && day <= td) ? ty : ty - 1;
  while (!isRealDay(y, month, day)) y--;
  return isoDay(y, month, day);
}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The fields of a "YYYY-MM-DD" day: year, month (1-12), day. */
const fieldsOf = (day: string) => day.split("-").map(Number) as [number, number, number];

/** "Nov 16", or "Nov 16, 2026" with the year. Read from the string: no time zone can shift it. */
export function shortDay(day: string, withYear = false): string {
  const [y, m, d] = fieldsOf(day);
  const base = `${SHORT_MONTHS[m - 1]} ${d}`;
  return withYear ? `${base}, ${y}` : base;
}

/** "Mar 11, 2026" for a "YYYY-MM-DD" day. */
export const formatDay = (day: string) => shortDay(day, true);

/** "Fri": the day of the week, in the proleptic Gregorian calendar. */
export function weekdayOf(day: string): string {
  const [y, m, d] = fieldsOf(day);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  return WEEKDAYS[new Date(new Date(0).setUTCFullYear(y, m - 1, d)).getUTCDay()]!;
}
