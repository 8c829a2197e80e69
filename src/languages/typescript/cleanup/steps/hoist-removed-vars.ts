// Before:  if (__on__) { a(); } else { var v = 1; }  use(v);
// After:   var v;
//          if (__on__) { a(); } else { var v = 1; }  use(v);      (collapse-if then removes the branch)
// A `var` (and, in sloppy scripts, a function declared in a block) is visible after the branch that
// declares it, as undefined when the branch never ran. Deleting the branch would turn a read of it into a
// ReferenceError, so the binding is declared first, without a value, which is what the branch left.
import ts from "../../typescript-api.cjs";
import { forEachNode, placeholderValue, type CleanupStep, type StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { indentAt } from "../layout.js";

export const hoistRemovedVars: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isIfStatement(node)) return;
    const value = placeholderValue(context, node.expression);
    if (value === undefined) return;
    const removed = value ? node.elseStatement : node.thenStatement;
    if (removed === undefined) return;
    let top: ts.Statement = node;
    while (ts.isIfStatement(top.parent) && top.parent.elseStatement === top) top = top.parent;
    const list = top.parent;
    if (!(ts.isBlock(list) || ts.isSourceFile(list) || ts.isModuleBlock(list) || ts.isCaseClause(list) || ts.isDefaultClause(list))) return;
    const scope = functionScope(node);
    const names = hoistedNames(context, removed).filter((name) => readOutside(scope, removed, name) && !declaredOutside(scope, removed, name));
    if (names.length === 0) return;
    const start = top.getStart(context.sourceFile);
    edits.push({ start, end: start, text: `var ${[...new Set(names)].join(", ")};\n${indentAt(context.text, start)}` });
  });
  return edits;
};

function isSloppy(sourceFile: ts.SourceFile): boolean {
  const moduleIndicator = (sourceFile as unknown as { externalModuleIndicator?: unknown }).externalModuleIndicator;
  if (moduleIndicator !== undefined) return false;
  const first = sourceFile.statements[0];
  return !(first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use strict");
}

/** The names `statement` declares with function scope: `var`s, and block functions in sloppy scripts. */
function hoistedNames(context: StepContext, statement: ts.Node): string[] {
  const names: string[] = [];
  const sloppy = isSloppy(context.sourceFile);
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node)) {
      if (sloppy && node.name !== undefined) names.push(node.name.text);
      return;
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) for (const declaration of node.declarations) bind(declaration.name);
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}

function functionScope(node: ts.Node): ts.Node {
  let current = node.parent;
  while (!ts.isSourceFile(current) && !ts.isFunctionLike(current)) current = current.parent;
  return current;
}

function inside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/** Whether `name` occurs as an identifier in `scope` outside `removed` (any occurrence counts: judging closer is not worth the risk). */
function readOutside(scope: ts.Node, removed: ts.Node, name: string): boolean {
  let found = false;
  forEachNode(scope, (node) => {
    if (!found && ts.isIdentifier(node) && node.text === name && !inside(node, removed)) found = true;
  });
  return found;
}

/** Whether a `var` or function of that name is declared in `scope` outside `removed` already. */
function declaredOutside(scope: ts.Node, removed: ts.Node, name: string): boolean {
  let found = false;
  forEachNode(scope, (node) => {
    if (found || inside(node, removed)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && (node.parent.flags & ts.NodeFlags.BlockScoped) === 0) found = true;
    if (ts.isFunctionDeclaration(node) && node.name?.text === name) found = true;
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.name.text === name) found = true;
  });
  return found;
}
