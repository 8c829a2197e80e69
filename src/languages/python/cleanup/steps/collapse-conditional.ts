// Before:  label = "new" if __flag_scan_on__ else "old"
// After:   label = "new"
// A conditional expression with an introduced condition becomes the branch that runs.
import type { Edit } from "../../../../cleanup/edit.js";
import { placeholderValue, postOrder, type PyStep } from "../context.js";

export const collapseConditional: PyStep = (context) => {
  const edits: Edit[] = [];
  for (const node of postOrder(context.root)) {
    if (node.type !== "conditional_expression") continue;
    const [body, condition, alternative] = node.namedChildren;
    const value = placeholderValue(context, condition);
    if (value === undefined || body == null || alternative == null) continue;
    edits.push({ start: node.startIndex, end: node.endIndex, text: (value ? body : alternative).text });
  }
  return edits;
};
