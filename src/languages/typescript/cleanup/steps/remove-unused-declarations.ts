// Before:  function OldBanner() { return <div />; }        (its only caller was the removed branch)
// After:   (deleted, with its JSDoc)
// Only declarations the cleanup left unread go, never exported ones, and a variable only when its
// initializer has no side effects (a function, a literal, a flag accessor's hook such as
// `useCheckFeatureFlag()`, a `memo`/`forwardRef`/`styled` component).
import ts from "../../typescript-api.cjs";
import { cachedReadCounts } from "../bindings.js";
import { calleeName, forEachNode, hasModifier, type CleanupStep, type StepContext } from "../context.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, removeListElements } from "../layout.js";
import { isPure } from "./simplify-boolean.js";

const COMPONENT_WRAPPERS = new Set(["memo", "forwardRef", "lazy"]);

export const removeUnusedDeclarations: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!(ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node))) return;
    for (const statement of node.statements) {
      if (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name !== undefined) {
        if (becameUnused(context, statement.name.text)) pushGroup(edits, [deleteStatements(context, statement)]);
      } else if (ts.isVariableStatement(statement)) {
        const declarations = statement.declarationList.declarations;
        const removed = new Set(
          declarations.filter(
            (d) => ts.isIdentifier(d.name) && becameUnused(context, d.name.text) && (d.initializer === undefined || isRemovableInitializer(context, d.initializer)),
          ),
        );
        if (removed.size === 0) continue;
        pushGroup(edits, removed.size === declarations.length ? [deleteStatements(context, statement)] : removeListElements(context, declarations, removed));
      }
    }
  });
  return edits;
};

function becameUnused(context: StepContext, name: string): boolean {
  return (context.originalUses.get(name) ?? 0) > 0 && (currentUses(context).get(name) ?? 0) === 0;
}

function isRemovableInitializer(context: StepContext, node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return isRemovableInitializer(context, node.expression);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) return true;
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return true;
  if (ts.isNoSubstitutionTemplateLiteral(node)) return true;
  if (ts.isObjectLiteralExpression(node))
    return node.properties.every((p) => ts.isPropertyAssignment(p) ? isRemovableInitializer(context, p.initializer) : ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => isRemovableInitializer(context, e));
  if (ts.isTaggedTemplateExpression(node)) return rootName(node.tag) === "styled";
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    if (name !== undefined && COMPONENT_WRAPPERS.has(name)) return true;
    if (rootName(node.expression) === "styled") return true;
  }
  return isPure(context, node);
}

function rootName(node: ts.Expression): string | undefined {
  let current = node;
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

function currentUses(context: StepContext): Map<string, number> {
  return cachedReadCounts(context.sourceFile);
}
