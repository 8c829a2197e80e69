import type { Edit } from "../../../cleanup/edit.js";
import type { TextRange } from "../../../scan/reference.js";

/**
 * The edits not inside a strictly longer one, in their given order (a deleted view takes the checks
 * inside it along). One sort and a sweep, so a file with thousands of checks stays fast.
 */
export function outermostEdits<T extends Edit>(edits: readonly T[]): T[] {
  // By start, longest first: every edit that could contain one comes before it.
  const order = edits.map((_, index) => index).sort((a, b) => edits[a]!.start - edits[b]!.start || edits[b]!.end - edits[a]!.end);
  const inside = new Array<boolean>(edits.length).fill(false);
  let maxEnd = Number.NEGATIVE_INFINITY;
  let startOfMaxEnd = 0;
  for (const index of order) {
    const edit = edits[index]!;
    // A predecessor contains this edit when it ends at or after it; it is strictly longer unless it
    // has the very same range. The earliest-starting predecessor reaching `maxEnd` decides a tie.
    if (maxEnd > edit.end || (maxEnd === edit.end && startOfMaxEnd < edit.start)) inside[index] = true;
    if (edit.end > maxEnd) {
      maxEnd = edit.end;
      startOfMaxEnd = edit.start;
    }
  }
  return edits.filter((_, index) => !inside[index]);
}

/** How many of `ranges` lie inside at least one of `edits`. Sorts once, then binary-searches. */
export function countCovered(ranges: readonly TextRange[], edits: readonly Edit[]): number {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  // Largest end among the edits that start at or before each position of `sorted`.
  const reach: number[] = [];
  for (const edit of sorted) reach.push(Math.max(edit.end, reach.length > 0 ? reach[reach.length - 1]! : Number.NEGATIVE_INFINITY));
  let covered = 0;
  for (const range of ranges) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]!.start <= range.start) low = middle + 1;
      else high = middle;
    }
    if (low > 0 && reach[low - 1]! >= range.end) covered++;
  }
  return covered;
}
