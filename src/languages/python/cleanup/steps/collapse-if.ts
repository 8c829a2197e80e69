// Before:  if __flag_scan_on__:            if __flag_scan_off__:       if __flag_scan_on__:
//              new()                           new()                       return new()
//          else:                           elif other:                 old()
//              old()                           b()
// After:   new()                           if other:                   return new()
//                                              b()
// An if/elif/else whose condition is an introduced value keeps only the branch that runs, re-indented
// in place of the statement. A kept branch that ends in `return`/`raise` makes the rest of its block
// unreachable, so that goes too (only there: unreachable code the author wrote is not ours to judge).
import type { Node } from "../../parser.js";
import { named } from "../../syntax.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { placeholderValue, type PyStep, type PyStepContext } from "../context.js";
import { blockLines, deleteStatements, indentAt, lineEnding, lineStart, nextLineStart, startsLine } from "../layout.js";

export const collapseIf: PyStep = (context) => {
  const edits: Edit[] = [];
  for (const statement of context.root.descendantsOfType(["if_statement", "while_statement"])) {
    if (statement === null) continue;
    const edit = statement.type === "while_statement" ? collapseWhile(context, statement) : collapseOne(context, statement);
    if (edit !== undefined) {
      edits.push(...edit);
      // One compound statement per round: nested ones are redone on the fresh parse.
      break;
    }
  }
  return edits;
};

function collapseWhile(context: PyStepContext, statement: Node): Edit[] | undefined {
  if (placeholderValue(context, statement.childForFieldName("condition")) !== false) return undefined;
  return [deleteStatements(context.text, statement)];
}

function collapseOne(context: PyStepContext, statement: Node): Edit[] | undefined {
  const { text } = context;
  const clauses = statement.childrenForFieldName("alternative").filter((node): node is Node => node !== null);
  const conditions = [statement, ...clauses.filter((clause) => clause.type === "elif_clause")];
  const index = conditions.findIndex((clause) => placeholderValue(context, clause.childForFieldName("condition")) !== undefined);
  if (index === -1) return undefined;
  const clause = conditions[index]!;
  const value = placeholderValue(context, clause.childForFieldName("condition"))!;
  if (!startsLine(text, statement.startIndex)) return undefined;
  const elseClause = clauses.find((node) => node.type === "else_clause");
  const eol = lineEnding(text);

  if (index > 0) {
    // An elif: when on, it becomes the chain's `else`; when off, it disappears.
    const clauseStart = lineStart(text, clause.startIndex);
    const chainEnd = nextLineStart(text, statement.endIndex);
    if (!value) return [{ start: clauseStart, end: nextClauseStart(text, clause, clauses, chainEnd), text: "" }];
    const indent = indentAt(text, statement.startIndex);
    const body = clause.childForFieldName("consequence")!;
    return [{ start: clauseStart, end: chainEnd, text: `${indent}else:${eol}${blockLines(text, body, indentAt(text, body.startIndex))}` }];
  }

  const indent = indentAt(text, statement.startIndex);
  const start = lineStart(text, statement.startIndex);
  const end = nextLineStart(text, statement.endIndex);
  if (value) {
    const body = statement.childForFieldName("consequence")!;
    const edits: Edit[] = [{ start, end, text: blockLines(text, body, indent) }];
    if (endsInExit(body)) edits.push(...unreachableAfter(context, statement));
    return edits;
  }
  const firstElif = clauses.find((node) => node.type === "elif_clause");
  if (firstElif !== undefined) {
    // `if off: a / elif c: b` -> `if c: b`
    const elifStart = firstElif.startIndex;
    return [{ start, end: elifStart + "elif".length, text: `${indent}if` }];
  }
  if (elseClause !== undefined) {
    const body = elseClause.childForFieldName("body")!;
    const edits: Edit[] = [{ start, end, text: blockLines(text, body, indent) }];
    if (endsInExit(body)) edits.push(...unreachableAfter(context, statement));
    return edits;
  }
  return [deleteStatements(text, statement)];
}

function nextClauseStart(text: string, clause: Node, clauses: Node[], chainEnd: number): number {
  const next = clauses[clauses.indexOf(clause) + 1];
  return next === undefined ? chainEnd : lineStart(text, next.startIndex);
}

function endsInExit(block: Node): boolean {
  const last = named(block).filter((node) => node.type !== "comment").pop();
  return last !== undefined && (last.type === "return_statement" || last.type === "raise_statement");
}

function unreachableAfter(context: PyStepContext, statement: Node): Edit[] {
  const block = statement.parent;
  if (block === null) return [];
  const siblings = named(block).filter((node) => node.type !== "comment" && node.startIndex > statement.startIndex);
  if (siblings.length === 0) return [];
  // Keep the blank-line and pass handling of deleteStatements, but never turn the block into `pass`:
  // the collapsed branch still stands in it.
  const edit = deleteStatements(context.text, siblings[0]!, siblings[siblings.length - 1]!);
  return [{ ...edit, text: edit.text.trim() === "pass" ? "" : edit.text }];
}
