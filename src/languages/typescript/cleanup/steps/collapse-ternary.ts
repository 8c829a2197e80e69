// Before:  const label = __on__ ? "New" : "Old";      {__off__ ? <New /> : <Old />}      className={__on__ ? "a" : "b"}
// After:   const label = "New";                       <Old />                            className="a"
import ts from "../../typescript-api.cjs";
import { forEachNode, placeholderValue, type CleanupStep } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { replaceExpression } from "../layout.js";

export const collapseTernary: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isConditionalExpression(node)) return;
    const value = placeholderValue(context, node.condition);
    if (value !== undefined) edits.push(...replaceExpression(context, node, value ? node.whenTrue : node.whenFalse));
  });
  return edits;
};
