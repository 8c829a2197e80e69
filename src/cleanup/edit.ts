import MagicString from "magic-string";

/** A replacement of the half-open range `[start, end)` of a file's text by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies the edits that do not overlap an earlier one (in the order given) and returns the new text
 * with the number applied. Overlapping edits are dropped rather than merged: the cleanup loop runs
 * again on the result, so a dropped edit is recomputed on fresh positions.
 */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; applied: number } {
  const accepted: Edit[] = [];
  // Accepted edits never overlap, so sorted by start they are sorted by end too: only the neighbours of
  // an edit's position can overlap it, found by binary search instead of a pass over all (issue 18).
  const byStart: Edit[] = [];
  for (const edit of edits) {
    if (edit.start === edit.end && edit.text === "") continue;
    if (text.slice(edit.start, edit.end) === edit.text) continue;
    const next = firstStartingAtOrAfter(byStart, edit.start);
    const before = byStart[next - 1];
    const after = byStart[next];
    if ((before && overlap(edit, before)) || (after && overlap(edit, after))) continue;
    accepted.push(edit);
    byStart.splice(next, 0, edit);
  }
  if (accepted.length === 0) return { text, applied: 0 };
  const s = new MagicString(text);
  for (const edit of accepted) {
    if (edit.start === edit.end) s.appendLeft(edit.start, edit.text);
    else if (edit.text === "") s.remove(edit.start, edit.end);
    else s.update(edit.start, edit.end, edit.text);
  }
  return { text: s.toString(), applied: accepted.length };
}

/** Index of the first edit of `sorted` (by start) whose start is at or after `position`. */
function firstStartingAtOrAfter(sorted: readonly Edit[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

function overlap(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start || (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end);
  return a.start < b.end && b.start < a.end;
}

/**
 * Adds `group` to `edits` only when none of its edits overlaps one already there, so edits that are
 * only correct together (inline every use and delete the declaration) are applied together or not at all.
 */
export function pushGroup(edits: Edit[], group: readonly Edit[]): void {
  if (group.some((edit) => edits.some((other) => overlap(edit, other)))) return;
  edits.push(...group);
}

/**
 * The outermost of `edits` (an edit inside a longer one goes with it), with overlapping deletions merged
 * into one (two neighbouring deleted tests may both claim the blank line between them). Returns each kept
 * input edit's index, so callers can tell which of their edits took effect. Edits that overlap without
 * both being deletions keep the first.
 */
export function mergeDeletions(edits: readonly Edit[]): { edits: Edit[]; kept: Set<number> } {
  const order = edits.map((_, index) => index).sort((a, b) => edits[a]!.start - edits[b]!.start || edits[b]!.end - edits[a]!.end);
  const merged: Edit[] = [];
  const kept = new Set<number>();
  for (const index of order) {
    const edit = edits[index]!;
    const last = merged[merged.length - 1];
    if (last !== undefined && edit.end <= last.end && edit.start >= last.start && (edit.end - edit.start < last.end - last.start || edit.start > last.start)) continue;
    if (last !== undefined && edit.start < last.end) {
      if (edit.text !== "" || last.text !== "") continue;
      last.end = Math.max(last.end, edit.end);
      kept.add(index);
      continue;
    }
    merged.push({ ...edit });
    kept.add(index);
  }
  return { edits: merged, kept };
}
