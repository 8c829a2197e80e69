// Before:  if __flag_scan_on__ and user.is_staff:     if not __flag_scan_off__:     x = a or __flag_scan_off__
// After:   if user.is_staff:                          if __flag_scan_on__:          x = a
// Folds `not`, `and`, `or` and parentheses around introduced values. An operand is only dropped
// when it cannot have side effects (names, attributes, literals, comparisons of those).
import type { Node } from "../../parser.js";
import { named } from "../../syntax.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { placeholder, placeholderValue, postOrder, type PyStep } from "../context.js";

export const simplifyBoolean: PyStep = (context) => {
  const edits: Edit[] = [];
  const replace = (node: Node, text: string): void => {
    edits.push({ start: node.startIndex, end: node.endIndex, text });
  };
  for (const node of postOrder(context.root)) {
    if (node.type === "not_operator") {
      const value = placeholderValue(context, node.childForFieldName("argument"));
      if (value !== undefined) replace(node, placeholder(context, !value));
    } else if (node.type === "parenthesized_expression") {
      const value = placeholderValue(context, node);
      // `(x)` around a placeholder, unless the parentheses are a call's or a generator's.
      if (value !== undefined && node.namedChildren[0]?.type === "identifier") replace(node, placeholder(context, value));
    } else if (node.type === "boolean_operator") {
      const left = node.childForFieldName("left")!;
      const right = node.childForFieldName("right")!;
      const isAnd = node.childForFieldName("operator")?.type === "and";
      const l = placeholderValue(context, left);
      const r = placeholderValue(context, right);
      if (l !== undefined) {
        // `on and x` -> x; `off and x` -> off; `on or x` -> on; `off or x` -> x
        replace(node, l === isAnd ? right.text : placeholder(context, l));
      } else if (r !== undefined) {
        // `x and on` -> x; `x or off` -> x; `x and off` -> off and `x or on` -> on only when x is pure.
        if (r === isAnd) replace(node, left.text);
        else if (isPure(left)) replace(node, placeholder(context, r));
      }
    }
  }
  return edits;
};

const PURE_LEAVES = new Set(["identifier", "string", "integer", "float", "true", "false", "none"]);

export function isPure(node: Node): boolean {
  if (PURE_LEAVES.has(node.type)) return true;
  if (["attribute", "comparison_operator", "boolean_operator", "not_operator", "parenthesized_expression", "concatenated_string"].includes(node.type))
    return named(node).every(isPure);
  return false;
}
