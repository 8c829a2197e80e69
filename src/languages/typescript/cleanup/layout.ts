import ts from "../typescript-api.cjs";
import { placeholder, unparen, type StepContext } from "./context.js";
import type { Edit } from "../../../cleanup/edit.js";
import { endsLine, indentAt, isBlankLine, lineStart, nextLineStart, startsLine } from "../../../cleanup/lines.js";

export { endsLine, indentAt, lineStart, nextLineStart, startsLine };

/** Ranges of multi-line template literals, whose lines must never be re-indented. */
function templateRanges(sourceFile: ts.SourceFile, start: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (node.end < start || node.pos > end) return;
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) ranges.push([node.getStart(), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ranges;
}

/**
 * The text of `[start, end)` with every line after the first moved from indentation `from` to `to`,
 * leaving lines inside template literals alone.
 */
export function reindent(context: StepContext, start: number, end: number, from: string, to: string): string {
  const slice = context.text.slice(start, end);
  if (from === to || !slice.includes("\n")) return slice;
  const templates = templateRanges(context.sourceFile, start, end);
  const lines = slice.split("\n");
  let offset = start + (lines[0]?.length ?? 0) + 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const inTemplate = templates.some(([s, e]) => offset > s && offset < e);
    if (!inTemplate) {
      if (line.startsWith(from)) lines[i] = to + line.slice(from.length);
      else if (/^[ \t]*\r?$/.test(line)) lines[i] = line.replace(/^[ \t]*/, "");
    }
    offset += line.length + 1;
  }
  return lines.join("\n");
}

/** Comments that configure tools or state rights: they belong to the file, never to the statement below. */
const DIRECTIVE = /^(#!|\/\/\s*#|\/[/*]\s*(@ts-|eslint|prettier-|istanbul|c8 |@jsx|@flow|@license|@preserve|jshint|global |tslint|biome-|deno-|webpackChunkName)|[\s\S]*(SPDX-License-Identifier|copyright|\(c\)|license|-\*-))/i;

/**
 * Leading comments on their own lines directly above `node` (no blank line between). Comments above
 * an import, and the file's header comments above its first statement, are not the statement's: they
 * stay, as directives and license lines anywhere do.
 */
function attachedCommentsStart(context: StepContext, node: ts.Node): number {
  const { text } = context;
  let start = node.getStart(context.sourceFile);
  if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return start;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const isFirst = ts.isSourceFile(node.parent) && node.parent.statements[0] === node;
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (DIRECTIVE.test(text.slice(comment.pos, comment.end))) break;
    // Above the first statement only its own doc comment is its own; anything above that is the file's.
    if (isFirst && (i < comments.length - 1 || !text.startsWith("/**", comment.pos) || i === 0 && comments.length === 1 && comment.pos === 0)) break;
    const between = text.slice(comment.end, start);
    if ((between.match(/\n/g) ?? []).length > 1) break;
    if (!startsLine(text, comment.pos)) break;
    start = comment.pos;
  }
  return start;
}

/**
 * Deletes the statements from `first` to `last` (siblings), with the comments attached above
 * `first`. Whole lines go when the statements own their lines, and a blank line left doubled (or
 * left at the start or end of a block) goes too.
 */
export function deleteStatements(context: StepContext, first: ts.Node, last: ts.Node = first): Edit {
  const { text } = context;
  let start = attachedCommentsStart(context, first);
  // A line comment heading statements that go on below (`// Feature flags` above several locals) is the
  // group's, not the removed one's: it stays. A doc comment (`/** ... */`) is always its statement's own.
  if (start < first.getStart(context.sourceFile) && !text.startsWith("/**", start) && continuesBelow(context, last)) start = first.getStart(context.sourceFile);
  let end = last.end;
  // In code without semicolons a `;` that opens the next line (`;[1, 2].forEach(f)`) parses as the end of
  // the statement before it; it protects the next line, so it stays.
  if (text[end - 1] === ";" && /\n[ \t]*$/.test(text.slice(last.getStart(context.sourceFile), end - 1)) && /^[ \t]*[[(`+\-/]/.test(text.slice(end))) end -= 1;
  const block = first.parent;
  if (ts.isBlock(block) && block.statements[0] === first && block.statements[block.statements.length - 1] === last) {
    // An emptied block reads `{}`, not `{` and `}` on two lines.
    const open = block.getStart(context.sourceFile) + 1;
    const close = block.end - 1;
    if (text.slice(open, start).trim() === "" && text.slice(end, close).trim() === "") return { start: open, end: close, text: "" };
  }
  if (!startsLine(text, start) || !endsLine(text, end)) {
    let from = start;
    while (from > 0 && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
    if (from > 0 && text[from - 1] !== "\n") return { start: from, end, text: "" };
    return { start, end, text: "" };
  }
  const from = lineStart(text, start);
  let to = nextLineStart(text, end);
  const prevStart = from === 0 ? -1 : lineStart(text, from - 1);
  const prevBlankOrOpen = from === 0 || isBlankLine(text, prevStart) || /[{([]\s*$/.test(text.slice(prevStart, from));
  if (prevBlankOrOpen && isBlankLine(text, to)) to = nextLineStart(text, to);
  else if (prevStart >= 0 && isBlankLine(text, prevStart) && /^\s*[})\]]/.test(text.slice(to, nextLineStart(text, to))))
    return { start: prevStart, end: to, text: "" };
  return { start: from, end: to, text: "" };
}

/** Whether the statement after `last` starts on the line right after it (no blank line between). */
function continuesBelow(context: StepContext, last: ts.Node): boolean {
  const parent = last.parent;
  const siblings = ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) ? parent.statements : undefined;
  const next = siblings?.[siblings.indexOf(last as ts.Statement) + 1];
  if (next === undefined) return false;
  const between = context.text.slice(last.end, next.getStart(context.sourceFile));
  return (between.match(/\n/g) ?? []).length === 1;
}

/** Whether an expression can stand anywhere a parenthesised expression stood. */
function isTight(node: ts.Expression, parent: ts.Node): boolean {
  if (
    ts.isIdentifier(node) ||
    ts.isLiteralExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    ts.isJsxSelfClosingElement(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.ThisKeyword
  )
    return true;
  if (ts.isPrefixUnaryExpression(node))
    return !(ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent) || ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken);
  return false;
}

function binaryPrecedence(kind: ts.SyntaxKind): number | undefined {
  switch (kind) {
    case ts.SyntaxKind.QuestionQuestionToken:
      return 4;
    case ts.SyntaxKind.BarBarToken:
      return 5;
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return 6;
    case ts.SyntaxKind.BarToken:
      return 7;
    case ts.SyntaxKind.CaretToken:
      return 8;
    case ts.SyntaxKind.AmpersandToken:
      return 9;
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return 10;
    case ts.SyntaxKind.LessThanToken:
    case ts.SyntaxKind.GreaterThanToken:
    case ts.SyntaxKind.LessThanEqualsToken:
    case ts.SyntaxKind.GreaterThanEqualsToken:
    case ts.SyntaxKind.InstanceOfKeyword:
    case ts.SyntaxKind.InKeyword:
      return 11;
    case ts.SyntaxKind.LessThanLessThanToken:
    case ts.SyntaxKind.GreaterThanGreaterThanToken:
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
      return 12;
    case ts.SyntaxKind.PlusToken:
    case ts.SyntaxKind.MinusToken:
      return 13;
    case ts.SyntaxKind.AsteriskToken:
    case ts.SyntaxKind.SlashToken:
    case ts.SyntaxKind.PercentToken:
      return 14;
    default:
      return undefined;
  }
}

/**
 * Whether the binary expression `kept` can replace the parenthesised `paren` without its parentheses
 * inside a binary parent: it must bind tighter, or equally tight on the left; `??` never mixes with
 * `&&`/`||` unparenthesised.
 */
function bindsTighter(kept: ts.Expression, paren: ts.ParenthesizedExpression): boolean {
  const parent = paren.parent;
  if (!ts.isBinaryExpression(kept) || !ts.isBinaryExpression(parent)) return false;
  const inner = binaryPrecedence(kept.operatorToken.kind);
  const outer = binaryPrecedence(parent.operatorToken.kind);
  if (inner === undefined || outer === undefined) return false;
  const isNullish = (p: number) => p === 4;
  const isLogical = (p: number) => p === 5 || p === 6;
  if (isNullish(inner) && isLogical(outer) || isLogical(inner) && isNullish(outer)) return false;
  return inner > outer || inner === outer && parent.left === paren;
}

/** Parents in which a parenthesised expression needs no parentheses. */
function isParenFree(target: ts.Node): boolean {
  const parent = target.parent;
  return (
    ts.isParenthesizedExpression(parent) ||
    ts.isIfStatement(parent) ||
    ts.isWhileStatement(parent) ||
    ts.isDoStatement(parent) ||
    ts.isJsxExpression(parent) ||
    ts.isVariableDeclaration(parent) && parent.initializer === target ||
    ts.isCallExpression(parent) && parent.arguments.includes(target as ts.Expression) ||
    ts.isConditionalExpression(parent) && parent.condition === target
  );
}

function isJsxChild(node: ts.Node): boolean {
  return ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent);
}

function isJsxLike(node: ts.Node): node is ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment {
  return ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node);
}

function rendersNothing(context: StepContext, node: ts.Expression): boolean {
  const inner = unparen(node);
  return (
    inner.kind === ts.SyntaxKind.NullKeyword ||
    ts.isIdentifier(inner) && (inner.text === "undefined" || inner.text === context.on || inner.text === context.off)
  );
}

/** Deletes a JSX child (an element or `{...}`), taking its line when it has one to itself. */
export function deleteJsxChild(context: StepContext, node: ts.Node): Edit {
  const { text } = context;
  const start = node.getStart(context.sourceFile);
  if (startsLine(text, start) && endsLine(text, node.end))
    return { start: lineStart(text, start), end: nextLineStart(text, node.end), text: "" };
  return { start, end: node.end, text: "" };
}

/** The text of `node` moved to where `target` starts, re-indented to `target`'s line. */
export function movedText(context: StepContext, node: ts.Node, target: ts.Node): string {
  const { text, sourceFile } = context;
  const start = node.getStart(sourceFile);
  const from = indentAt(text, start);
  const to = indentAt(text, target.getStart(sourceFile));
  const sameLine = lineStart(text, start) === lineStart(text, target.getStart(sourceFile));
  return sameLine ? text.slice(start, node.end) : reindent(context, start, node.end, from, to);
}

/**
 * Replaces the expression `node` by `replacement` (an expression of the same file, or an introduced
 * boolean), adapting to where it stands: JSX children render the kept element directly or vanish,
 * parentheses that are no longer needed go, an expression statement left with an introduced value goes.
 */
export function replaceExpression(context: StepContext, node: ts.Expression, replacement: ts.Expression | boolean): Edit[] {
  const { sourceFile } = context;
  const kept = typeof replacement === "boolean" ? undefined : unparen(replacement);
  let target: ts.Expression = node;
  while (ts.isParenthesizedExpression(target.parent) && (kept === undefined || isTight(kept, target.parent.parent) || bindsTighter(kept, target.parent)))
    target = target.parent;
  const parent = target.parent;
  if (ts.isJsxExpression(parent) && isJsxChild(parent)) {
    if (kept === undefined || rendersNothing(context, kept)) return [deleteJsxChild(context, parent)];
    if (isJsxLike(kept)) return [{ start: parent.getStart(sourceFile), end: parent.end, text: movedText(context, kept, parent) }];
  }
  if (ts.isJsxExpression(parent) && parent.parent !== undefined && ts.isJsxAttribute(parent.parent) && kept !== undefined) {
    if (ts.isStringLiteral(kept) && !/[\\\n]/.test(kept.getText(sourceFile)))
      return [{ start: parent.getStart(sourceFile), end: parent.end, text: kept.getText(sourceFile) }];
  }
  if (ts.isTemplateSpan(parent) && kept !== undefined && (ts.isStringLiteral(kept) || ts.isNoSubstitutionTemplateLiteral(kept))) {
    // `${"New"}` reads better as the text itself; the head/middle token ends with `${`, the next starts with `}`.
    const template = parent.parent;
    const index = template.templateSpans.indexOf(parent);
    const previous = index === 0 ? template.head : template.templateSpans[index - 1]!.literal;
    const escaped = kept.text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
    return [{ start: previous.end - 2, end: parent.literal.getStart(sourceFile) + 1, text: escaped }];
  }
  if (ts.isExpressionStatement(parent) && (kept === undefined || rendersNothing(context, kept) && kept.kind !== ts.SyntaxKind.NullKeyword))
    return [deleteStatements(context, parent)];
  const start = target.getStart(sourceFile);
  if (kept === undefined) return [{ start, end: target.end, text: separated(context.text, start, target.end, placeholder(context, replacement as boolean)) }];
  let source: ts.Expression = replacement as ts.Expression;
  const multiLineJsx = (n: ts.Expression) => isJsxLike(unparen(n)) && n.getText(sourceFile).includes("\n");
  const isComma = ts.isBinaryExpression(kept) && kept.operatorToken.kind === ts.SyntaxKind.CommaToken;
  if (ts.isParenthesizedExpression(source) && isParenFree(target) && !multiLineJsx(source) && (!isComma || ts.isParenthesizedExpression(target.parent))) source = kept;
  let newText = movedText(context, source, target);
  const needsParens =
    ts.isObjectLiteralExpression(unparen(source)) && !ts.isParenthesizedExpression(source) && (ts.isArrowFunction(parent) || ts.isExpressionStatement(parent));
  if (needsParens) newText = `(${newText})`;
  return [{ start, end: target.end, text: separated(context.text, start, target.end, newText) }];
}

/**
 * `newText` with a space where it would otherwise fuse with the text around `[start, end)` into
 * another token: `-(f ? -x : x)` must become `- -x`, never `--x`; `typeof(a)` must not become `typeofa`.
 */
export function separated(text: string, start: number, end: number, newText: string): string {
  const fuses = (left: string | undefined, right: string | undefined): boolean =>
    left !== undefined && right !== undefined &&
    ((left === "+" && right === "+") || (left === "-" && right === "-") || (left === "/" && (right === "/" || right === "*")) || (/[\w$]/.test(left) && /[\w$]/.test(right)));
  let result = newText;
  if (fuses(text[start - 1], result[0])) result = ` ${result}`;
  if (fuses(result[result.length - 1], text[end])) result = `${result} `;
  return result;
}

/**
 * Deletes `removed` elements from a comma-separated list (`kept` must not be empty), taking each
 * element with the separator after it, or before it for the last ones, so the list keeps its layout.
 */
export function removeListElements(context: StepContext, elements: readonly ts.Node[], removed: ReadonlySet<ts.Node>): Edit[] {
  const { sourceFile } = context;
  const edits: Edit[] = [];
  let i = 0;
  while (i < elements.length) {
    if (!removed.has(elements[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < elements.length && removed.has(elements[j + 1]!)) j++;
    const next = elements[j + 1];
    if (next !== undefined) edits.push({ start: elements[i]!.getStart(sourceFile), end: next.getStart(sourceFile), text: "" });
    else edits.push({ start: elements[i - 1]!.end, end: elements[j]!.end, text: "" });
    i = j + 1;
  }
  return edits;
}
