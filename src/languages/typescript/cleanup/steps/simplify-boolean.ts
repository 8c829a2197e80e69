// Before:  if (!__on__ || user.isAdmin) { ... }      const a = __on__ === false;      (__on__)
// After:   if (user.isAdmin) { ... }                   const a = __off__;                __on__
// Folds `!`, `&&`, `||`, `??`, `===`/`!==`/`==`/`!=` and parentheses around introduced values only.
// `x && true` equals `x` only where just its truthiness counts (conditions), or when `x` is already
// a boolean; `x && false` and `x || true` drop `x`, so `x` must be free of side effects.
import ts from "../../typescript-api.cjs";
import { calleeName, forEachNode, placeholderValue, unparen, type CleanupStep, type StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, removeListElements, replaceExpression } from "../layout.js";

export const simplifyBoolean: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const value = placeholderValue(context, node.operand);
      if (value !== undefined) edits.push(...replaceExpression(context, node, !value));
    } else if (ts.isParenthesizedExpression(node) && placeholderValue(context, node.expression) !== undefined && !ts.isParenthesizedExpression(node.parent)) {
      edits.push({ start: node.getStart(context.sourceFile), end: node.end, text: unparen(node).getText(context.sourceFile) });
    } else if (ts.isBinaryExpression(node)) {
      const result = foldBinary(context, node);
      if (result !== undefined) edits.push(...replaceExpression(context, node, result));
    } else if (ts.isAwaitExpression(node)) {
      // Awaiting a boolean gives the boolean back (one microtask later, which the kept code does not observe).
      const value = placeholderValue(context, node.expression);
      if (value !== undefined) edits.push(...replaceExpression(context, node, value));
    } else if (ts.isExpressionStatement(node) && placeholderValue(context, node.expression) !== undefined) {
      edits.push(deleteStatements(context, node));
    } else if (ts.isSpreadAssignment(node) && ts.isObjectLiteralExpression(node.parent) && placeholderValue(context, node.expression) === false) {
      // `...(flag && { a })` with the flag off spreads nothing; written `...false`, TypeScript refuses it (TS2698).
      const object = node.parent;
      if (object.properties.length === 1) edits.push({ start: object.getStart(context.sourceFile), end: object.end, text: "{}" });
      else edits.push(...removeListElements(context, object.properties, new Set([node])));
    } else if (ts.isJsxSpreadAttribute(node) && placeholderValue(context, node.expression) === false) {
      edits.push({ start: node.getFullStart(), end: node.end, text: "" });
    }
  });
  return edits;
};

function foldBinary(context: StepContext, node: ts.BinaryExpression): ts.Expression | boolean | undefined {
  const left = placeholderValue(context, node.left);
  const right = placeholderValue(context, node.right);
  if (left === undefined && right === undefined) return undefined;
  const operator = node.operatorToken.kind;
  const other = left === undefined ? node.left : node.right;
  switch (operator) {
    case ts.SyntaxKind.AmpersandAmpersandToken:
      if (left !== undefined) return left ? node.right : false;
      // `(x && true) && y` is `x && y` for every `x`: a falsy `x` is the result either way.
      if (right && (isTruthinessOnly(node) || isBooleanValued(context, node.left) || isLeftOperandOf(node, ts.SyntaxKind.AmpersandAmpersandToken))) return node.left;
      if (right === false && (isTruthinessOnly(node) || isBooleanValued(context, node.left)) && isPure(context, node.left)) return false;
      return undefined;
    case ts.SyntaxKind.BarBarToken:
      if (left !== undefined) return left ? true : node.right;
      if (right === false && (isTruthinessOnly(node) || isBooleanValued(context, node.left) || isLeftOperandOf(node, ts.SyntaxKind.BarBarToken))) return node.left;
      if (right && (isTruthinessOnly(node) || isBooleanValued(context, node.left)) && isPure(context, node.left)) return true;
      return undefined;
    case ts.SyntaxKind.QuestionQuestionToken:
      return left !== undefined ? left : undefined;
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken: {
      const known = left ?? right!;
      const otherValue = placeholderValue(context, other) ?? booleanLiteral(other);
      if (otherValue === undefined) return undefined;
      const equal = known === otherValue;
      return operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken ? equal : !equal;
    }
    default:
      return undefined;
  }
}

function booleanLiteral(node: ts.Expression): boolean | undefined {
  const inner = unparen(node);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** Whether `node` (through parentheses) is the left operand of a binary `operator`. */
function isLeftOperandOf(node: ts.Expression, operator: ts.SyntaxKind): boolean {
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === operator && parent.left === current;
}

/** Whether only the truthiness of `node`'s value matters where it stands. */
export function isTruthinessOnly(node: ts.Expression): boolean {
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === current;
  if (ts.isForStatement(parent)) return parent.condition === current;
  if (ts.isConditionalExpression(parent)) return parent.condition === current;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (operator !== ts.SyntaxKind.AmpersandAmpersandToken && operator !== ts.SyntaxKind.BarBarToken) return false;
    // The left operand of `&&`/`||` may become the result; only in a condition is that harmless.
    return isTruthinessOnly(parent);
  }
  return false;
}

/** Whether `node` always evaluates to a boolean, judged from syntax alone. */
function isBooleanValued(context: StepContext, node: ts.Expression): boolean {
  const inner = unparen(node);
  if (placeholderValue(context, inner) !== undefined || booleanLiteral(inner) !== undefined) return true;
  if (ts.isPrefixUnaryExpression(inner)) return inner.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    return name !== undefined && context.accessorNames.has(name);
  }
  if (ts.isBinaryExpression(inner)) {
    switch (inner.operatorToken.kind) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
      case ts.SyntaxKind.LessThanToken:
      case ts.SyntaxKind.GreaterThanToken:
      case ts.SyntaxKind.LessThanEqualsToken:
      case ts.SyntaxKind.GreaterThanEqualsToken:
      case ts.SyntaxKind.InstanceOfKeyword:
      case ts.SyntaxKind.InKeyword:
        return true;
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.BarBarToken:
        return isBooleanValued(context, inner.left) && isBooleanValued(context, inner.right);
      default:
        return false;
    }
  }
  return false;
}

/** Whether evaluating `node` can be skipped without losing a side effect. Flag accessors count as pure. */
export function isPure(context: StepContext, node: ts.Expression): boolean {
  const inner = unparen(node);
  if (ts.isIdentifier(inner) || ts.isLiteralExpression(inner) || booleanLiteral(inner) !== undefined) return true;
  if (inner.kind === ts.SyntaxKind.NullKeyword || inner.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(inner)) return isPure(context, inner.expression);
  if (ts.isPrefixUnaryExpression(inner))
    return inner.operator !== ts.SyntaxKind.PlusPlusToken && inner.operator !== ts.SyntaxKind.MinusMinusToken && isPure(context, inner.operand);
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) return false;
    return isPure(context, inner.left) && isPure(context, inner.right);
  }
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    return name !== undefined && context.accessorNames.has(name) && inner.arguments.every((a) => isPure(context, a));
  }
  return false;
}
