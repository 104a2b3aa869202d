// Calendar periods the listing can be narrowed to: one day (?date=YYYY-MM-DD),
// an ISO week (?week=YYYY-Www) or a month (?month=YYYY-MM). Pure date arithmetic
// on "YYYY-MM-DD" strings in UTC, so a period means the same days on every
// machine whatever its time zone. No server-only imports: components use it.
import { cmp } from "@/lib/compare";
import { formatDay, isoDay, parseIsoDay, weekdayOf } from "@/lib/feed/dates";

export type PeriodKind = "date" | "week" | "month";

export type Period = {
  kind: PeriodKind;
  /** As written in the URL: "2026-11-27", "2026-W48" or "2026-11". */
  value: string;
  /** First and last day, inclusive. */
  from: string;
  to: string;
};

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromTime = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Date.UTC, except that years 0-99 are not taken as 1900-1999. */
const utc = (year: number, monthIndex: number, day: number) => new Date(0).setUTCFullYear(year, monthIndex, day);

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  return fromTime(toTime(day) + n * DAY_MS);
}

/** How many days `to` is after `from` (negative when before). */
export function daysApart(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** Days from `from` to `to`, inclusive, in order (empty when to < from). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = toTime(from); t <= toTime(to); t += DAY_MS) days.push(fromTime(t));
  return days;
}

/** ISO 8601 week of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): string {
  const date = new Date(toTime(day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  const thursday = new Date(toTime(day) + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - utc(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** Monday of an ISO week "YYYY-Www", or null when there is no such week. */
function mondayOf(week: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const [year, n] = [Number(match[1]), Number(match[2])];
  const jan4 = utc(year, 0, 4);
  const weekOneMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = fromTime(weekOneMonday + (n - 1) * 7 * DAY_MS);
  // Week 53 exists only in some years: the Monday must give back the same week.
  return n >= 1 && isoWeekOf(monday) === week ? monday : null;
}

/** A period from its kind and URL value, or null when the value is not a real day, week or month. */
export function periodOf(kind: PeriodKind, value: string): Period | null {
  if (kind === "date") {
    const day = parseIsoDay(value);
    return day ? { kind, value: day, from: day, to: day } : null;
  }
  if (kind === "week") {
    const monday = mondayOf(value);
    return monday ? { kind, value, from: monday, to: addDays(monday, 6) } : null;
  }
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  // Any year a day may have: periodContaining must work for every day the catalog can hold.
  if (month < 1 || month > 12) return null;
  const last = new Date(utc(year, month, 0)).getUTCDate();
  return { kind, value, from: isoDay(year, month, 1), to: isoDay(year, month, last) };
}

/** The period of the same kind that holds `day`. */
export function periodContaining(kind: PeriodKind, day: string): Period {
  const value = kind === "date" ? day : kind === "week" ? isoWeekOf(day) : day.slice(0, 7);
  return periodOf(kind, value)!;
}

/** The period of the same kind just before (-1) or after (+1) this one. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  return periodContaining(period.kind, addDays(step < 0 ? period.from : period.to, step));
}

const FULL_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Fri, Nov 27, 2026" */
export const dayLabel = (day: string) => `${weekdayOf(day)}, ${formatDay(day)}`;

/** How a period is named in headings: "Fri, Nov 27, 2026", "Week of Nov 23, 2026", "November 2026". */
export function periodLabel(period: Period): string {
  if (period.kind === "date") return dayLabel(period.from);
  if (period.kind === "week") return `Week of ${formatDay(period.from)}`;
  const [year, month] = period.from.split("-").map(Number) as [number, number];
  return `${FULL_MONTHS[month - 1]} ${year}`;
}

export const PERIOD_NOUN: Record<PeriodKind, string> = { date: "day", week: "week", month: "month" };

/** A showing: a day's (or a period's best) upvotes and feed rank. */
type Showing = { upvotes: number | null; rank: number };

/**
 * Orders showings best first: by upvotes when a source counted them (counted
 * before uncounted), else by feed rank. The one rule for ranking a period's
 * papers and for picking a paper's best day in it.
 */
export const byPopularity = (a: Showing, b: Showing) => cmp(b.upvotes ?? -1, a.upvotes ?? -1) || cmp(a.rank, b.rank);

/**
 * A paper's best showing within a period (byPopularity; the later day on a
 * tie), for listing cards of that period; null when it did not trend then.
 */
export function bestDayIn<T extends Showing & { feedDate: string }>(
  appearances: T[],
  period: Pick<Period, "from" | "to">,
): T | null {
  let best: T | null = null;
  for (const a of appearances) {
    if (a.feedDate < period.from || a.feedDate > period.to) continue;
    if (!best || (byPopularity(a, best) || cmp(best.feedDate, a.feedDate)) < 0) best = a;
  }
  return best;
}
