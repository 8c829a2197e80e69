// Before:  if (__v0__ === "blue") { a(); }      const n = __v1__.limit;      (--value '{"limit":3}' / '"blue"')
// After:   if (__on__) { a(); }                  const n = __v2__;            (then 3)
// Folds what the kept value decides: comparisons with literals, property reads, truthiness, `typeof`,
// `??`. Anything else stays with the value written in place of the check.
import ts from "../../typescript-api.cjs";
import { forEachNode, placeholder, placeholderValue, unparen, type CleanupStep, type StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { replaceExpression, separated } from "../layout.js";
import { isTruthinessOnly } from "./simplify-boolean.js";
import { slotText, slotValue } from "../values.js";

export const foldValue: CleanupStep = (context) => {
  const edits: Edit[] = [];
  if (context.values === undefined || context.values.values.length === 0) return edits;
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isIdentifier(node)) return;
    const slot = slotValue(context, node);
    if (slot === undefined) return;
    let outer: ts.Node = node;
    while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent)) outer = outer.parent;
    const folded = fold(context, outer as ts.Expression, slot.value);
    if (folded !== undefined) edits.push(folded);
  });
  return edits;
};

function replace(context: StepContext, node: ts.Node, text: string): Edit {
  const start = node.getStart(context.sourceFile);
  return { start, end: node.end, text: separated(context.text, start, node.end, text) };
}

function literalValue(context: StepContext, node: ts.Expression): { value: unknown } | undefined {
  const inner = unparen(node);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return { value: inner.text };
  if (ts.isNumericLiteral(inner)) return { value: Number(inner.text) };
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(inner.operand)) return { value: -Number(inner.operand.text) };
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (inner.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isIdentifier(inner) && inner.text === "undefined") return { value: undefined };
  const placeholderBoolean = placeholderValue(context, inner);
  if (placeholderBoolean !== undefined) return { value: placeholderBoolean };
  return slotValue(context, inner);
}

const isPrimitive = (value: unknown) => value === null || (typeof value !== "object" && typeof value !== "function");

function fold(context: StepContext, outer: ts.Expression, value: unknown): Edit | undefined {
  const parent = outer.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) {
    // A method call on the value (`.includes(...)`) is left: only plain reads fold.
    if (ts.isCallExpression(parent.parent) && parent.parent.expression === parent) return undefined;
    if ((ts.isBinaryExpression(parent.parent) && parent.parent.left === parent && parent.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isDeleteExpression(parent.parent)) return undefined;
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(parent)) key = parent.name.text;
    else {
      const argument = literalValue(context, parent.argumentExpression);
      if (argument !== undefined && (typeof argument.value === "string" || typeof argument.value === "number")) key = String(argument.value);
    }
    if (key === undefined) return undefined;
    if (value === null || value === undefined) return parent.questionDotToken !== undefined ? replace(context, parent, "undefined") : undefined;
    if (typeof value === "object") {
      if (Object.prototype.hasOwnProperty.call(value, key)) return replace(context, parent, slotText(context, (value as Record<string, unknown>)[key]));
      // `.toString`, `.map`: inherited, not data.
      return key in value ? undefined : replace(context, parent, "undefined");
    }
    if (typeof value === "string" && key === "length") return replace(context, parent, slotText(context, value.length));
    return undefined;
  }
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    const other = parent.left === outer ? parent.right : parent.left;
    if (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken) {
      const known = literalValue(context, other);
      if (known === undefined) return undefined;
      const strict = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken;
      let equal: boolean;
      if (isPrimitive(value) && isPrimitive(known.value)) equal = strict ? value === known.value : value == known.value;
      else if (!isPrimitive(value) && !isPrimitive(known.value)) return undefined;
      else if (strict || known.value === null || known.value === undefined || value === null || value === undefined) equal = false;
      else return undefined;
      const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
      return replaceExpression(context, parent, negated ? !equal : equal)[0];
    }
    if (operator === ts.SyntaxKind.QuestionQuestionToken && parent.left === outer)
      return value === null || value === undefined ? replaceExpression(context, parent, parent.right)[0] : replace(context, parent, slotText(context, value));
  }
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return replace(context, parent, placeholder(context, !value));
  if (ts.isTypeOfExpression(parent)) return replace(context, parent, slotText(context, value === null ? "object" : typeof value));
  if (isTruthinessOnly(outer)) return replace(context, outer, placeholder(context, Boolean(value)));
  return undefined;
}
