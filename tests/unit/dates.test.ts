import { describe, expect, it } from "vitest";
import { formatDay, parseIsoDay, parseMonthDay, resolveMonthDay } from "@/lib/feed/dates";

describe("parseMonthDay", () => {
  it.each([
    ["Mar 11", { month: 3, day: 11 }],
    ["March 11", { month: 3, day: 11 }],
    ["Sept. 3", { month: 9, day: 3 }],
    ["Dec 31, 2025", { month: 12, day: 31, year: 2025 }],
  ])("reads %s", (line, expected) => {
    expect(parseMonthDay(line)).toMatchObject({ ...expected, valid: true });
  });

  it.each(["Marching 11", "Mar", "11 Mar", "Subscribe", "Mars 3", "Mar 11 papers"])(
    "does not mistake %s for a date line",
    (line) => {
      expect(parseMonthDay(line)).toBeNull();
    },
  );

  it("marks a date line naming no real day as invalid", () => {
    expect(parseMonthDay("Feb 30")).toMatchObject({ valid: false });
    expect(parseMonthDay("Feb 29, 2025")).toMatchObject({ valid: false });
  });
});

describe("resolveMonthDay", () => {
  it("picks this year when the day has passed or is today", () => {
    expect(resolveMonthDay({ month: 3, day: 11 }, "2026-11-29")).toBe("2026-03-11");
    expect(resolveMonthDay({ month: 11, day: 29 }, "2026-11-29")).toBe("2026-11-29");
  });

  it("picks last year when the day is still ahead", () => {
    expect(resolveMonthDay({ month: 11, day: 30 }, "2026-11-29")).toBe("2025-11-30");
    expect(resolveMonthDay({ month: 12, day: 31 }, "2027-01-01")).toBe("2026-12-31");
  });

  it("takes Feb 29 back to the latest leap year", () => {
    expect(resolveMonthDay({ month: 2, day: 29 }, "2026-11-29")).toBe("2024-02-29");
    expect(resolveMonthDay({ month: 2, day: 29 }, "2028-02-29")).toBe("2028-02-29");
  });

  it("keeps a year the page states", () => {
    expect(resolveMonthDay({ month: 3, day: 11, year: 2023 }, "2026-11-29")).toBe("2023-03-11");
  });
});

describe("parseIsoDay", () => {
  it("accepts real days only", () => {
    expect(parseIsoDay("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2025-02-29", "2026-13-01", "2026-1-5", "26-01-05", "2026-01-05T00:00", "yesterday", ""]) {
      expect(parseIsoDay(bad)).toBeNull();
    }
  });
});

describe("formatDay", () => {
  it("shows a day as a reader expects, whatever the time zone", () => {
    expect(formatDay("2026-03-11")).toBe("Mar 11, 2026");
    expect(formatDay("2026-01-01")).toBe("Jan 1, 2026");
  });
});
