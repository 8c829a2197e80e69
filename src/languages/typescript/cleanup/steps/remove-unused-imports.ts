// Before:  import { isFeatureEnabled, track } from "./flags";     (isFeatureEnabled no longer called)
// After:   import { track } from "./flags";
// Only imports the cleanup left unread go: an import nobody read before (a side-effect import, the
// classic JSX runtime's `React`) is not the cleanup's to judge.
import ts from "../../typescript-api.cjs";
import { cachedReadCounts } from "../bindings.js";
import type { CleanupStep, StepContext } from "../context.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, removeListElements } from "../layout.js";

export const removeUnusedImports: CleanupStep = (context) => {
  const edits: Edit[] = [];
  // Whole declarations in a row go as one range, so the lines around them are judged once.
  let run: ts.ImportDeclaration[] = [];
  const flush = (): void => {
    if (run.length > 0) edits.push(deleteStatements(context, run[0]!, run[run.length - 1]));
    run = [];
  };
  for (const statement of context.sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause === undefined) {
      flush();
      continue;
    }
    const result = importEdits(context, statement.importClause);
    if (result === "delete") run.push(statement);
    else {
      flush();
      pushGroup(edits, result);
    }
  }
  flush();
  return edits;
};

function becameUnused(context: StepContext, name: ts.Identifier): boolean {
  return (context.originalUses.get(name.text) ?? 0) > 0 && (currentUses(context).get(name.text) ?? 0) === 0;
}

function importEdits(context: StepContext, clause: ts.ImportClause): Edit[] | "delete" {
  const { sourceFile } = context;
  const bindings = clause.namedBindings;
  const named = bindings !== undefined && ts.isNamedImports(bindings) ? bindings.elements : undefined;
  const removedNamed = new Set((named ?? []).filter((element) => becameUnused(context, element.name)));
  const dropDefault = clause.name !== undefined && becameUnused(context, clause.name);
  const dropNamespace = bindings !== undefined && ts.isNamespaceImport(bindings) && becameUnused(context, bindings.name);
  const keepsDefault = clause.name !== undefined && !dropDefault;
  const keepsBindings = bindings !== undefined && !dropNamespace && (named === undefined || removedNamed.size < named.length);
  if (!dropDefault && !dropNamespace && removedNamed.size === 0) return [];
  if (!keepsDefault && !keepsBindings) return "delete";
  if (dropDefault) return [{ start: clause.name!.getStart(sourceFile), end: bindings!.getStart(sourceFile), text: "" }];
  if (!keepsBindings) return [{ start: clause.name!.end, end: bindings!.end, text: "" }];
  return removeListElements(context, named ?? [], removedNamed);
}

function currentUses(context: StepContext): Map<string, number> {
  return cachedReadCounts(context.sourceFile);
}
