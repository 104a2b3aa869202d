import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  bestDayIn,
  dayLabel,
  daysBetween,
  isoWeekOf,
  periodContaining,
  periodLabel,
  periodOf,
  shiftPeriod,
  type Period,
  type PeriodKind,
} from "@/lib/periods";

const period = (kind: PeriodKind, value: string) => {
  const p = periodOf(kind, value);
  if (!p) throw new Error(`${kind} ${value} should be a real period`);
  return p;
};

/** Every day from 1901 to 2199, as "YYYY-MM-DD" (built by hand, not with the code under test). */
const anyDay = fc
  .record({
    year: fc.integer({ min: 1901, max: 2199 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate())
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

describe("ISO weeks around the turn of the year", () => {
  it.each([
    ["2026-01-01", "2026-W01"], // a Thursday: week 1 of its own year
    ["2025-12-29", "2026-W01"], // the Monday of that week is still December
    ["2025-12-28", "2025-W52"],
    ["2027-01-01", "2026-W53"], // a Friday: the last week of 2026
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2021-01-03", "2020-W53"], // a Sunday after a leap year that started on a Wednesday
    ["2021-01-04", "2021-W01"],
    ["2024-12-30", "2025-W01"], // a Monday in December that belongs to next year
    ["2026-11-27", "2026-W48"],
  ])("%s is in %s", (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it("spans Monday to Sunday, across the year's end where the week does", () => {
    expect(period("week", "2026-W01")).toEqual({
      kind: "week",
      value: "2026-W01",
      from: "2025-12-29",
      to: "2026-01-04",
    });
    expect(period("week", "2026-W53")).toEqual({
      kind: "week",
      value: "2026-W53",
      from: "2026-12-28",
      to: "2027-01-03",
    });
    expect(period("week", "2020-W53")).toMatchObject({ from: "2020-12-28", to: "2021-01-03" });
    expect(period("week", "2026-W47")).toMatchObject({ from: "2026-11-16", to: "2026-11-22" });
  });

  it("puts every day in exactly the week that periodContaining gives, which starts on a Monday", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const week = periodContaining("week", day);
        expect(week.value).toBe(isoWeekOf(day));
        expect(week.from <= day && day <= week.to).toBe(true);
        expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(daysBetween(week.from, week.to)).toHaveLength(7);
      }),
    );
  });
});

describe("periodOf refuses values that name no real period", () => {
  it.each<[PeriodKind, string]>([
    ["date", "2026-02-29"], // 2026 is not a leap year
    ["date", "2026-04-31"],
    ["date", "2026-13-01"],
    ["date", "2026-00-10"],
    ["date", "2026-1-5"],
    ["date", "26-01-05"],
    ["date", ""],
    ["week", "2026-W54"],
    ["week", "2025-W53"], // 2025 has 52 weeks
    ["week", "2027-W53"],
    ["week", "2026-W00"],
    ["week", "2026-W1"],
    ["week", "2026W01"],
    ["week", "2026-01"],
    ["month", "2026-13"],
    ["month", "2026-00"],
    ["month", "2026-1"],
    ["month", "2026-11-01"],
    ["month", "nonsense"],
  ])("%s %j", (kind, value) => {
    expect(periodOf(kind, value)).toBeNull();
  });

  it("accepts week 53 exactly in the years that have one", () => {
    const longYears = [2004, 2009, 2015, 2020, 2026, 2032];
    for (let year = 2000; year <= 2035; year++) {
      expect(periodOf("week", `${year}-W53`) !== null, String(year)).toBe(longYears.includes(year));
    }
  });

  it("accepts Feb 29 in leap years only, 2000 included and 2100 not", () => {
    expect(periodOf("date", "2028-02-29")).toEqual({
      kind: "date",
      value: "2028-02-29",
      from: "2028-02-29",
      to: "2028-02-29",
    });
    expect(periodOf("date", "2000-02-29")).not.toBeNull();
    expect(periodOf("date", "2100-02-29")).toBeNull();
  });
});

describe("days long ago (a feed may carry any real day, e.g. a page dated 'Mar 11, 1026' by a typo)", () => {
  it.each([
    ["1899-12-31", "1899-W52", "1899-12", "1899-12-31"],
    ["1026-03-11", "1026-W10", "1026-03", "1026-03-31"],
    ["0050-06-01", "0050-W22", "0050-06", "0050-06-30"],
    ["0004-02-10", "0004-W07", "0004-02", "0004-02-29"], // year 4 was a leap year (proleptic Gregorian)
  ])("%s has its own week (%s) and month (%s)", (day, week, month, monthEnd) => {
    expect(isoWeekOf(day)).toBe(week);
    expect(periodContaining("week", day).value).toBe(week);
    expect(periodContaining("month", day)).toEqual({ kind: "month", value: month, from: `${month}-01`, to: monthEnd });
  });

  it("still has a previous month and week before 1900", () => {
    expect(shiftPeriod(period("month", "1900-01"), -1)).toEqual({
      kind: "month",
      value: "1899-12",
      from: "1899-12-01",
      to: "1899-12-31",
    });
    expect(shiftPeriod(period("week", "1900-W01"), -1).value).toBe("1899-W52");
  });

  it("gives every day from year 1 to 9998 a day, week and month period that holds it", () => {
    const ancientDay = fc
      .record({ year: fc.integer({ min: 1, max: 9998 }), dayOfYear: fc.integer({ min: 0, max: 364 }) })
      .map(({ year, dayOfYear }) => {
        const d = new Date(0);
        d.setUTCFullYear(year, 0, 1 + dayOfYear);
        return d.toISOString().slice(0, 10);
      });
    fc.assert(
      fc.property(ancientDay, fc.constantFrom<PeriodKind>("date", "week", "month"), (day, kind) => {
        const p = periodContaining(kind, day);
        expect(p, `${kind} of ${day}`).not.toBeNull();
        expect(p.from <= day && day <= p.to).toBe(true);
        expect(periodOf(kind, p.value)).toEqual(p);
      }),
    );
  });
});

describe("months", () => {
  it.each([
    ["2026-01", "2026-01-31"],
    ["2026-02", "2026-02-28"],
    ["2028-02", "2028-02-29"],
    ["2000-02", "2000-02-29"],
    ["2100-02", "2100-02-28"],
    ["2026-04", "2026-04-30"],
    ["2026-12", "2026-12-31"],
  ])("%s runs from its first day to %s", (month, last) => {
    expect(period("month", month)).toEqual({ kind: "month", value: month, from: `${month}-01`, to: last });
  });
});

describe("moving to the previous and next period", () => {
  const shift = (p: Period, step: -1 | 1) => shiftPeriod(p, step).value;

  it("steps days across month and year ends, leap days included", () => {
    expect(shift(period("date", "2026-12-31"), 1)).toBe("2027-01-01");
    expect(shift(period("date", "2027-01-01"), -1)).toBe("2026-12-31");
    expect(shift(period("date", "2028-02-28"), 1)).toBe("2028-02-29");
    expect(shift(period("date", "2026-02-28"), 1)).toBe("2026-03-01");
    expect(shift(period("date", "2026-03-01"), -1)).toBe("2026-02-28");
  });

  it("steps weeks across the year end, through week 53 where there is one", () => {
    expect(shift(period("week", "2026-W52"), 1)).toBe("2026-W53");
    expect(shift(period("week", "2026-W53"), 1)).toBe("2027-W01");
    expect(shift(period("week", "2027-W01"), -1)).toBe("2026-W53");
    expect(shift(period("week", "2025-W52"), 1)).toBe("2026-W01");
    expect(shift(period("week", "2026-W01"), -1)).toBe("2025-W52");
  });

  it("steps months across the year end and over short months", () => {
    expect(shift(period("month", "2026-12"), 1)).toBe("2027-01");
    expect(shift(period("month", "2027-01"), -1)).toBe("2026-12");
    expect(shiftPeriod(period("month", "2026-01"), 1)).toEqual({
      kind: "month",
      value: "2026-02",
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(shift(period("month", "2026-03"), -1)).toBe("2026-02");
  });

  it("lands next to the period it started from, and back again", () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom<PeriodKind>("date", "week", "month"), (day, kind) => {
        const here = periodContaining(kind, day);
        const next = shiftPeriod(here, 1);
        const previous = shiftPeriod(here, -1);
        expect(next.from).toBe(addDays(here.to, 1));
        expect(previous.to).toBe(addDays(here.from, -1));
        expect(shiftPeriod(next, -1)).toEqual(here);
        expect(shiftPeriod(previous, 1)).toEqual(here);
      }),
    );
  });
});

describe("day arithmetic", () => {
  it("lists the days of a range inclusively, in order, across month, year and leap-day boundaries", () => {
    expect(daysBetween("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(daysBetween("2028-02-28", "2028-03-01")).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(daysBetween("2026-11-27", "2026-11-27")).toEqual(["2026-11-27"]);
    expect(daysBetween("2026-11-28", "2026-11-27")).toEqual([]);
    expect(daysBetween("2026-01-01", "2026-12-31")).toHaveLength(365);
    expect(daysBetween("2028-01-01", "2028-12-31")).toHaveLength(366);
  });

  it("adds and subtracts days, back to where it started", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-29", 0)).toBe("2026-11-29");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -2000, max: 2000 }), (day, n) => {
        expect(addDays(addDays(day, n), -n)).toBe(day);
        const [a, b] = n >= 0 ? [day, addDays(day, n)] : [addDays(day, n), day];
        expect(daysBetween(a, b)).toHaveLength(Math.abs(n) + 1);
      }),
    );
  });
});

describe("labels", () => {
  it("names a day with its weekday, a week by its Monday and a month in full", () => {
    expect(dayLabel("2026-11-27")).toBe("Fri, Nov 27, 2026");
    expect(periodLabel(period("date", "2028-02-29"))).toBe("Tue, Feb 29, 2028");
    expect(periodLabel(period("week", "2026-W48"))).toBe("Week of Nov 23, 2026");
    expect(periodLabel(period("week", "2026-W01"))).toBe("Week of Dec 29, 2025");
    expect(periodLabel(period("month", "2026-11"))).toBe("November 2026");
    expect(periodLabel(period("month", "2027-01"))).toBe("January 2027");
  });
});

describe("time zones", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  const computeEverything = () => ({
    weeks: ["2026-01-01", "2027-01-01", "2021-01-03", "2026-11-29"].map(isoWeekOf),
    periods: [period("week", "2026-W53"), period("month", "2026-02"), period("date", "2026-03-29")],
    shifted: [shiftPeriod(period("date", "2026-03-29"), -1), shiftPeriod(period("week", "2026-W13"), 1)],
    days: daysBetween("2026-03-28", "2026-03-30"), // Europe's clocks go forward on the 29th
    labels: [dayLabel("2026-01-01"), periodLabel(period("week", "2026-W01")), periodLabel(period("month", "2026-12"))],
  });

  it("gives the same days, weeks and labels in every time zone", () => {
    process.env.TZ = "UTC";
    const utc = computeEverything();
    expect(utc.weeks).toEqual(["2026-W01", "2026-W53", "2020-W53", "2026-W48"]);
    expect(utc.labels).toEqual(["Thu, Jan 1, 2026", "Week of Dec 29, 2025", "December 2026"]);
    for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles", "Pacific/Pago_Pago", "Europe/London"]) {
      process.env.TZ = tz;
      // Proof that the zone took effect in this process, so the comparison means something.
      const offset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
      if (tz === "Pacific/Kiritimati") expect(offset).toBe(-14 * 60);
      if (tz === "America/Los_Angeles") expect(offset).toBe(8 * 60);
      expect(computeEverything(), tz).toEqual(utc);
    }
  });
});

describe("bestDayIn", () => {
  const day = (feedDate: string, rank: number, upvotes: number | null) => ({ feedDate, rank, upvotes });

  it("picks the day in the period with the most upvotes, else the best rank, the later day on a tie", () => {
    const week = { from: "2026-11-23", to: "2026-11-29" };
    const history = [
      day("2026-11-20", 1, 500),
      day("2026-11-23", 4, 40),
      day("2026-11-24", 2, 90),
      day("2026-11-25", 1, 90),
    ];
    expect(bestDayIn(history, week)).toEqual(day("2026-11-25", 1, 90));
    expect(bestDayIn([day("2026-11-23", 3, null), day("2026-11-24", 2, null)], week)).toEqual(
      day("2026-11-24", 2, null),
    );
    expect(bestDayIn([day("2026-11-23", 2, null), day("2026-11-26", 2, null)], week)?.feedDate).toBe("2026-11-26");
    expect(bestDayIn([day("2026-11-23", 9, 1), day("2026-11-24", 1, null)], week)?.feedDate).toBe("2026-11-23");
  });

  it("is null for a paper that did not trend in the period", () => {
    expect(bestDayIn([day("2026-11-20", 1, 500)], { from: "2026-11-23", to: "2026-11-29" })).toBeNull();
  });
});
