// Before:  <Checkout newFlow={__on__} />
// After:   <Checkout newFlow />
// An introduced `false` stays explicit (`newFlow={false}`): dropping the attribute could change a default.
import ts from "../../typescript-api.cjs";
import { forEachNode, placeholderValue, type CleanupStep } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";

export const shortenJsxAttribute: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isJsxAttribute(node) || node.initializer === undefined || !ts.isJsxExpression(node.initializer)) return;
    if (placeholderValue(context, node.initializer.expression) === true) edits.push({ start: node.name.end, end: node.initializer.end, text: "" });
  });
  return edits;
};
