import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contains, countLines, decodeUtf8, readText, readUndecoded } from "../../src/scan/read-text.js";

// The prefilter tests undecoded UTF-8 (read-text.ts `contains`): it must answer as the decoded text would,
// for any bytes, valid UTF-8 or not.
const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-undecoded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NEEDLES = ["useFlag", "getValue", "\n", "é", "日本", "a\u00e9b", "\ufffd", "x"];
/** Pieces that make invalid and valid UTF-8 around the needles: lone lead and continuation bytes, truncated sequences, a BOM. */
const PIECES: number[][] = [
  [0xe2], [0x80], [0xc3], [0xf0, 0x9f], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xff], [0xc0, 0xaf], [0xef, 0xbb, 0xbf],
  [0x0a], [0x0d, 0x0a], [0x20], [...Buffer.from("é")], [...Buffer.from("日本")], [...Buffer.from("😀")],
  ...NEEDLES.map((needle) => [...Buffer.from(needle)]),
  [...Buffer.from("useFla")], [...Buffer.from("g")], [...Buffer.from("getVal")],
];

describe("undecoded UTF-8 answers as its text", () => {
  it("contains and countLines agree with the decoded text on random bytes", () => {
    const next = random(16);
    for (let round = 0; round < 3000; round++) {
      const bytes: number[] = [];
      const pieces = 1 + Math.floor(next() * 12);
      for (let index = 0; index < pieces; index++) bytes.push(...PIECES[Math.floor(next() * PIECES.length)]!);
      const buffer = Buffer.from(bytes);
      const text = decodeUtf8(buffer);
      for (const needle of NEEDLES) expect(contains(buffer, needle), `${buffer.toString("hex")} / ${JSON.stringify(needle)}`).toBe(text.includes(needle));
      expect(countLines(buffer)).toBe(countLines(text));
      expect(countLines(text)).toBe(text.split("\n").length);
    }
  });

  it("the cases it must get right are among them: a needle after a lone lead byte, split across invalid bytes", () => {
    const afterLead = Buffer.concat([Buffer.from([0xe2]), Buffer.from("useFlag")]);
    expect(decodeUtf8(afterLead).includes("useFlag")).toBe(true);
    expect(contains(afterLead, "useFlag")).toBe(true);
    const split = Buffer.concat([Buffer.from("useFl"), Buffer.from([0x80]), Buffer.from("ag")]);
    expect(contains(split, "useFlag")).toBe(false);
    // A replacement character is only in the decoded text.
    expect(contains(Buffer.from([0xff]), "\ufffd")).toBe(true);
  });

  it("readUndecoded gives what readText gives, undecoded", () => {
    const files: Record<string, Buffer> = {
      "plain.ts": Buffer.from("useFlag('a');\n"),
      "bom.ts": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("x\n")]),
      "le.ts": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("useFlag\n", "utf16le")]),
      "nul.js": Buffer.from([0x61, 0, 0x62]),
      "empty.ts": Buffer.alloc(0),
    };
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const { utf8, ...rest } = readUndecoded(file);
      const text = readText(file);
      expect(utf8 === undefined ? rest : { ...rest, text: decodeUtf8(utf8) }, name).toEqual(text);
    }
    expect(readUndecoded(path.join(dir, "missing.ts")).error).toMatch(/^could not be read: ENOENT/);
  });
});
