import { describe, expect, it } from "vitest";
import { applyEdits, type Edit } from "../../src/cleanup/edit.js";
import { measureArrayWork } from "../helpers/work-meter.js";

// The definition the binary search replaced (issue 18): quadratic, but obviously right, so it is the oracle.
function overlapOracle(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start || (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end);
  return a.start < b.end && b.start < a.end;
}
function acceptedByScan(text: string, edits: readonly Edit[]): Edit[] {
  const accepted: Edit[] = [];
  for (const edit of edits) {
    if ((edit.start === edit.end && edit.text === "") || text.slice(edit.start, edit.end) === edit.text) continue;
    if (!accepted.some((other) => overlapOracle(edit, other))) accepted.push(edit);
  }
  return accepted;
}

describe("applyEdits", () => {
  it("keeps exactly the edits the quadratic definition keeps, on random overlapping edits", () => {
    let seed = 20261201;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const text = "abcdefghij".repeat(4);
      const edits: Edit[] = Array.from({ length: 1 + random(12) }, () => {
        const start = random(41);
        return { start, end: Math.min(40, start + random(4)), text: random(3) === 0 ? "" : "Z".repeat(random(3)) };
      });
      const expected = acceptedByScan(text, edits);
      const result = applyEdits(text, edits);
      expect(result.applied).toBe(expected.length);
      expect(result.text).toBe(applyEdits(text, expected).text);
    }
  });

  it("checks each edit against its neighbours only: linear array work on 100k edits", () => {
    const text = "x".repeat(200_000);
    const edits = Array.from({ length: 100_000 }, (_, i) => ({ start: 2 * i, end: 2 * i + 1, text: "y" }));
    const { result } = measureArrayWork(() => applyEdits(text, edits), { maxVisits: 20 * edits.length });
    expect(result.applied).toBe(edits.length);
  });
});
