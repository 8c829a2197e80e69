import { describe, expect, it } from "vitest";
import type { Edit } from "../../../../src/cleanup/edit.js";
import { countCovered, outermostEdits } from "../../../../src/languages/python/cleanup/outer-edits.js";
import { Random } from "../../../../bench/random.js";
import { measureArrayWork } from "../../../helpers/work-meter.js";

// The definitions these replaced (issue 18): quadratic, but obviously right, so they are the oracle.
const outermostByScan = (edits: readonly Edit[]) =>
  edits.filter((edit) => !edits.some((other) => other !== edit && other.start <= edit.start && other.end >= edit.end && other.end - other.start > edit.end - edit.start));
const coveredByScan = (ranges: ReadonlyArray<{ start: number; end: number }>, edits: readonly Edit[]) =>
  ranges.filter((range) => edits.some((edit) => edit.start <= range.start && edit.end >= range.end)).length;

describe("outermostEdits and countCovered", () => {
  it("agree with the quadratic definitions on random nested, equal, empty and overlapping ranges", () => {
    const rng = new Random(18);
    const random = () => rng.next();
    for (let round = 0; round < 500; round++) {
      const edits: Edit[] = [];
      const count = 1 + Math.floor(random() * 12);
      for (let index = 0; index < count; index++) {
        const start = Math.floor(random() * 20);
        edits.push({ start, end: start + Math.floor(random() * 8), text: String(index) });
      }
      const ranges = edits.slice(0, 4).map(({ start, end }) => ({ start: start + (end > start ? 1 : 0), end }));
      expect(outermostEdits(edits)).toEqual(outermostByScan(edits));
      const outer = outermostEdits(edits);
      expect(countCovered(ranges, outer)).toBe(coveredByScan(ranges, outer));
    }
  });

  it("do n log n work on 100k edits (the scans did n^2)", () => {
    const edits: Edit[] = [];
    for (let index = 0; index < 100_000; index++) edits.push({ start: index * 10, end: index * 10 + (index % 3 === 0 ? 9 : 4), text: "" });
    const ranges = edits.map(({ start, end }) => ({ start, end }));
    const { result, work } = measureArrayWork(() => countCovered(ranges, outermostEdits(edits)), { maxVisits: 20 * edits.length });
    expect(result).toBe(edits.length);
    expect(work.comparisons).toBeLessThanOrEqual(4 * edits.length * Math.log2(edits.length));
  });
});
