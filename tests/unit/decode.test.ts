import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "@/lib/feed/decode";
import { FeedError } from "@/lib/feed/errors";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("decodeFeedBytes", () => {
  it("decodes UTF-8 text with or without a byte-order mark", () => {
    const text = "Mar 11\n\nÜber große Modelle 大模型";
    expect(decodeFeedBytes(new TextEncoder().encode(text))).toBe(text);
    expect(decodeFeedBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
  });

  it("decodes UTF-16 files that start with a byte-order mark", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Mar 11 é", "utf16le")]);
    expect(decodeFeedBytes(le)).toBe("Mar 11 é");
  });

  it.each([
    ["an empty file", bytes(), /empty/],
    ["a PNG image", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d), /binary/],
    ["Latin-1 text", bytes(0x4d, 0x6f, 0x64, 0xe8, 0x6c, 0x65), /not valid UTF-8/],
    [
      "text full of control characters",
      new TextEncoder().encode("\u0001\u0002\u0003abc\u0004\u0005".repeat(20)),
      /binary/,
    ],
  ])("refuses %s with a one-line reason", (_, input, reason) => {
    expect(() => decodeFeedBytes(input)).toThrow(FeedError);
    expect(() => decodeFeedBytes(input)).toThrow(reason);
  });

  it("says on which line and byte a file stops being UTF-8", () => {
    const latin1 = Buffer.from("Mar 11\n\nCaf\u00e9 au lait\n", "latin1");
    expect(() => decodeFeedBytes(latin1)).toThrow(
      "the file is not valid UTF-8 text (line 3, byte 12: 0xE9 0x20); save it as UTF-8 and try again",
    );
  });

  it("does not take a replacement character the file really contains for the bad byte", () => {
    const bytes = Buffer.concat([Buffer.from("a \uFFFD b\n"), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(() => decodeFeedBytes(bytes)).toThrow("(line 2, byte 9: 0xFF 0x0A)");
  });
});
