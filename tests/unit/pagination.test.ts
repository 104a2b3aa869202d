import { describe, expect, it } from "vitest";
import { pageWindow } from "@/components/pagination";

describe("pageWindow", () => {
  it("shows every page of a short listing", () => {
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(3, 3)).toEqual([1, 2, 3]);
  });

  it("shows first, last and two either side of the current page, with gaps for the rest", () => {
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, null, 20]);
  });

  it("never hides a single page behind an ellipsis", () => {
    expect(pageWindow(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 20]);
    expect(pageWindow(1, 5)).not.toContain(null);
  });
});
