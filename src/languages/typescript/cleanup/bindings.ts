import ts from "../typescript-api.cjs";
import { forEachNode } from "./context.js";

/**
 * Syntactic name resolution, enough for the cleanup: which identifiers read a binding. Type
 * information is not needed because the cleanup only ever deletes a binding nobody reads any more,
 * and only inlines a binding after checking that no inner scope shadows it.
 */

/** Whether `id` is a name that does not read a binding: a property name, a label, a declared name. */
export function isDeclarationOrPropertyName(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isQualifiedName(parent)) return parent.right === id;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isPropertyAccessChain(parent)
  )
    return parent.name === id;
  if (ts.isJsxAttribute(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  if (ts.isBindingElement(parent)) return parent.propertyName === id || parent.name === id;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) return true;
  if (ts.isExportSpecifier(parent)) return parent.propertyName !== undefined ? parent.name === id : false;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) ||
    ts.isClassExpression(parent) ||
    ts.isParameter(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isEnumDeclaration(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isTypeParameterDeclaration(parent)
  )
    return parent.name === id;
  return false;
}

const countsCache = new WeakMap<ts.Node, Map<string, number>>();

/** Read counts of every name under `root`, computed once per parse. */
export function cachedReadCounts(root: ts.Node): Map<string, number> {
  let counts = countsCache.get(root);
  if (counts === undefined) countsCache.set(root, (counts = readCounts(root)));
  return counts;
}

/** Read counts of every name in the file. */
export function readCounts(root: ts.Node): Map<string, number> {
  const counts = new Map<string, number>();
  forEachNode(root, (node) => {
    if (ts.isIdentifier(node) && !isDeclarationOrPropertyName(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
  });
  return counts;
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

/** Names a statement list declares directly (not counting `var`s nested in inner blocks). */
export function declaredNames(statements: readonly ts.Statement[], includeVar = true): string[] {
  const names: string[] = [];
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const isVar = (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
      if (isVar && !includeVar) continue;
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, names);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name !== undefined
    )
      names.push(statement.name.text);
  }
  return names;
}

/** Whether `node` itself introduces a binding called `name` for its subtree. */
export function declaresName(node: ts.Node, name: string): boolean {
  const names: string[] = [];
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node)) names.push(...declaredNames(node.statements));
  else if (ts.isCaseBlock(node)) for (const clause of node.clauses) names.push(...declaredNames(clause.statements));
  else if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) bindingNames(parameter.name, names);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name !== undefined) names.push(node.name.text);
  } else if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer !== undefined && ts.isVariableDeclarationList(node.initializer))
    for (const declaration of node.initializer.declarations) bindingNames(declaration.name, names);
  else if (ts.isCatchClause(node) && node.variableDeclaration !== undefined) bindingNames(node.variableDeclaration.name, names);
  else if (ts.isClassExpression(node) && node.name !== undefined) names.push(node.name.text);
  return names.includes(name);
}

export type ReadUse = { id: ts.Identifier; shorthand: boolean };

/**
 * The identifiers inside `scope` that read the binding `name` declared directly in `scope`, or
 * undefined when some use cannot be rewritten safely (a write, an export, an inner shadowing binding
 * that is read).
 */
export function readsOfBinding(scope: ts.Node, name: string, declarationName: ts.Identifier): ReadUse[] | undefined {
  const uses: ReadUse[] = [];
  let unsafe = false;
  forEachNode(scope, (node) => {
    if (unsafe || !ts.isIdentifier(node) || node.text !== name || node === declarationName) return;
    if (ts.isShorthandPropertyAssignment(node.parent)) {
      if (isShadowed(node, scope, name)) return;
      uses.push({ id: node, shorthand: true });
      return;
    }
    if (isDeclarationOrPropertyName(node)) {
      if (ts.isExportSpecifier(node.parent)) unsafe = true;
      return;
    }
    if (isShadowed(node, scope, name)) return;
    if (isWrite(node) || ts.isExportAssignment(node.parent) || ts.isExportSpecifier(node.parent) || ts.isJsxOpeningLikeElement(node.parent) || ts.isJsxClosingElement(node.parent) || ts.isTypeQueryNode(node.parent)) {
      unsafe = true;
      return;
    }
    uses.push({ id: node, shorthand: false });
  });
  return unsafe ? undefined : uses;
}

function isShadowed(id: ts.Node, scope: ts.Node, name: string): boolean {
  for (let node = id.parent; node !== scope && node !== undefined; node = node.parent) if (declaresName(node, name)) return true;
  return false;
}

function isWrite(id: ts.Identifier): boolean {
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node)
    return parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent))
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  return ts.isForInStatement(parent) || ts.isForOfStatement(parent) ? parent.initializer === node : false;
}
