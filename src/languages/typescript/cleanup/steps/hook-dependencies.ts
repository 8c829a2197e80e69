// Before:  useEffect(() => { if (__on__) track(); }, [__on__, user]);
// After:   useEffect(() => { if (__on__) track(); }, [user]);
// An introduced value never changes between renders, so it has no place in a hook's dependency list.
import ts from "../../typescript-api.cjs";
import { calleeName, forEachNode, placeholderValue, type CleanupStep } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { removeListElements } from "../layout.js";

const HOOKS_WITH_DEPENDENCIES = new Set(["useEffect", "useLayoutEffect", "useInsertionEffect", "useMemo", "useCallback", "useImperativeHandle"]);

export const removeHookDependencies: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isCallExpression(node) || !HOOKS_WITH_DEPENDENCIES.has(calleeName(node) ?? "")) return;
    const list = node.arguments[node.arguments.length - 1];
    if (list === undefined || node.arguments.length < 2 || !ts.isArrayLiteralExpression(list)) return;
    const removed = new Set(list.elements.filter((element) => placeholderValue(context, element) !== undefined));
    if (removed.size === 0) return;
    if (removed.size === list.elements.length) edits.push({ start: list.getStart(context.sourceFile), end: list.end, text: "[]" });
    else edits.push(...removeListElements(context, list.elements, removed));
  });
  return edits;
};
