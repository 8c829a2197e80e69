// Before:  if (__on__) { return <New />; }  track("old");  return <Old />;
// After:   return <New />;
// Only code after a `return`/`throw`/`break`/`continue` that the cleanup just made unconditional is
// removed; dead code the author wrote stays. Function declarations are hoisted, so they stay too (the
// unused-declaration step removes them if nothing calls them any more).
import ts from "../../typescript-api.cjs";
import type { StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { deleteStatements } from "../layout.js";

function exits(statement: ts.Statement | undefined): boolean {
  if (statement === undefined) return false;
  if (ts.isBlock(statement)) return exits(statement.statements[statement.statements.length - 1]);
  return ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement);
}

function keepsAfterExit(statement: ts.Statement): boolean {
  return ts.isFunctionDeclaration(statement) || ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
}

/** Deletes the siblings that follow `statement` once `kept` (which replaces it) always exits. */
export function removeUnreachableAfter(context: StepContext, statement: ts.Statement, kept: ts.Statement): Edit[] {
  if (!exits(kept)) return [];
  const parent = statement.parent;
  const siblings = ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) ? parent.statements : undefined;
  if (siblings === undefined) return [];
  const edits: Edit[] = [];
  let run: ts.Statement[] = [];
  const flush = (): void => {
    if (run.length > 0) edits.push(deleteStatements(context, run[0]!, run[run.length - 1]));
    run = [];
  };
  for (const sibling of siblings.slice(siblings.indexOf(statement) + 1)) {
    if (keepsAfterExit(sibling)) flush();
    else run.push(sibling);
  }
  flush();
  return edits;
}
