// Before:  if (__on__) { renderNew(); } else { renderOld(); }      } else if (__off__) { b(); } else { c(); }
// After:   renderNew();                                              } else { c(); }
// Keeps the braces when the kept branch declares names that would clash in the enclosing scope.
import ts from "../../typescript-api.cjs";
import { declaredNames } from "../bindings.js";
import { forEachNode, placeholderValue, type CleanupStep, type StepContext } from "../context.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, indentAt, lineStart, nextLineStart, reindent, startsLine } from "../layout.js";
import { removeUnreachableAfter } from "./unreachable.js";

export const collapseIf: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isIfStatement(node)) return;
    const value = placeholderValue(context, node.expression);
    if (value === undefined) return;
    pushGroup(edits, collapse(context, node, value ? node.thenStatement : node.elseStatement));
  });
  return edits;
};

function isStatementList(node: ts.Node): node is ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

function collapse(context: StepContext, statement: ts.IfStatement, kept: ts.Statement | undefined): Edit[] {
  const { sourceFile, text } = context;
  const start = statement.getStart(sourceFile);
  const parent = statement.parent;
  if (ts.isIfStatement(parent) && parent.elseStatement === statement) {
    if (kept === undefined) return [{ start: parent.thenStatement.end, end: statement.end, text: "" }];
    return [{ start, end: statement.end, text: kept.getText(sourceFile) }];
  }
  if (!isStatementList(parent)) return [{ start, end: statement.end, text: kept === undefined ? "{}" : kept.getText(sourceFile) }];
  if (kept === undefined) return [deleteStatements(context, statement)];
  const unreachable = removeUnreachableAfter(context, statement, kept);
  if (!ts.isBlock(kept)) return [{ start, end: statement.end, text: reindent(context, kept.getStart(sourceFile), kept.end, indentAt(text, kept.getStart(sourceFile)), indentAt(text, start)) }, ...unreachable];
  const open = kept.getStart(sourceFile) + 1;
  const close = kept.end - 1;
  const inner = text.slice(open, close);
  if (inner.trim() === "") return [deleteStatements(context, statement), ...unreachable];
  if (clashes(statement, kept)) return [{ start, end: statement.end, text: kept.getText(sourceFile) }, ...unreachable];
  // The kept lines move out of the block: from the first line after `{` to the line before `}`.
  const firstLine = /^[ \t]*\r?\n/.test(inner) ? nextLineStart(text, open) : open;
  const closeLine = lineStart(text, close);
  const lastEnd = /^[ \t]*$/.test(text.slice(closeLine, close)) ? closeLine : close;
  let body = reindent(context, firstLine, lastEnd, indentAt(text, firstLine), indentAt(text, start));
  if (startsLine(text, start) && firstLine !== open) {
    body = body.replace(/^[ \t]*/, indentAt(text, start)).replace(/\r?\n$/, "");
    return [{ start: lineStart(text, start), end: statement.end, text: body }, ...unreachable];
  }
  return [{ start, end: statement.end, text: body.trim() }, ...unreachable];
}

/** Whether moving the block's declarations into the enclosing scope would collide with another name there. */
function clashes(statement: ts.IfStatement, block: ts.Block): boolean {
  const names = new Set(declaredNames(block.statements, false));
  if (names.size === 0) return false;
  let scope: ts.Node = statement.parent;
  if (ts.isCaseClause(scope) || ts.isDefaultClause(scope)) scope = scope.parent;
  let clash = false;
  const visit = (node: ts.Node): void => {
    if (clash || node === statement) return;
    if (ts.isIdentifier(node) && names.has(node.text)) clash = true;
    ts.forEachChild(node, visit);
  };
  visit(scope);
  const owner = scope.parent;
  if (owner !== undefined && ts.isFunctionLike(owner)) for (const parameter of owner.parameters) visit(parameter);
  return clash;
}
