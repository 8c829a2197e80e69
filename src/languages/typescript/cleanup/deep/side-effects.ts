import ts from "../../typescript-api.cjs";

// Calls that only wrap or describe a value (React HOCs, CSS-in-JS, i18n descriptors): a module made of them
// does nothing when imported, so it may be deleted when nothing imports it any more.
const PURE_CALLS = new Set([
  "memo", "forwardRef", "observer", "inject", "connect", "withRouter", "withStyles", "makeStyles", "createStyles",
  "styled", "css", "keyframes", "createGlobalStyle", "createContext", "defineMessages", "defineMessage", "lazy",
  "injectIntl", "withTranslation", "compose", "cva", "tv", "gql", "graphql", "Symbol", "freeze", "cx", "clsx",
  "classNames", "createSelector", "defineComponent",
]);

/** The first top-level statement of `sourceFile` that does something when the module is imported, or undefined. */
export function findImportTimeSideEffect(sourceFile: ts.SourceFile): ts.Node | undefined {
  const locals = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) locals.add(d.name.text);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) locals.add(statement.name.text);
  }
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isFunctionDeclaration(statement)) continue;
    if (ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement) || ts.isEmptyStatement(statement)) continue;
    if (ts.isClassDeclaration(statement) || ts.isClassExpression(statement)) {
      if (isPureClass(statement)) continue;
      return statement;
    }
    if (ts.isVariableStatement(statement)) {
      const impure = statement.declarationList.declarations.find((d) => d.initializer !== undefined && !isPure(d.initializer));
      if (impure === undefined) continue;
      return impure;
    }
    if (ts.isExportAssignment(statement)) {
      if (isPure(statement.expression)) continue;
      return statement;
    }
    if (ts.isExpressionStatement(statement)) {
      const expression = statement.expression;
      if (ts.isStringLiteral(expression)) continue; // "use client"
      // `Component.displayName = "X"`, `Component.propTypes = {...}`: describes a local.
      if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = expression.left;
        if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && locals.has(target.expression.text) && isPure(expression.right)) continue;
      }
    }
    return statement;
  }
  return undefined;
}

function isPureClass(node: ts.ClassLikeDeclaration): boolean {
  if (ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0) return false;
  for (const member of node.members) {
    if (ts.isClassStaticBlockDeclaration(member)) return false;
    if (ts.canHaveDecorators(member) && (ts.getDecorators(member)?.length ?? 0) > 0) return false;
    if (ts.isPropertyDeclaration(member) && member.initializer && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) && !isPure(member.initializer))
      return false;
  }
  return node.heritageClauses?.every((clause) => clause.types.every((type) => isPure(type.expression))) ?? true;
}

/** Whether evaluating `node` at import time can do nothing observable (conservative). */
export function isPure(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node))
    return isPure(node.expression);
  if (ts.isLiteralExpression(node) || ts.isIdentifier(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ThisKeyword:
      return true;
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  if (ts.isClassExpression(node)) return isPureClass(node);
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return true;
  if (ts.isPrefixUnaryExpression(node)) return isPure(node.operand);
  if (ts.isBinaryExpression(node)) return !isAssignment(node.operatorToken.kind) && isPure(node.left) && isPure(node.right);
  if (ts.isConditionalExpression(node)) return isPure(node.condition) && isPure(node.whenTrue) && isPure(node.whenFalse);
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((span) => isPure(span.expression));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => (ts.isSpreadElement(e) ? isPure(e.expression) : isPure(e)));
  if (ts.isObjectLiteralExpression(node))
    return node.properties.every((p) =>
      ts.isPropertyAssignment(p) ? (!ts.isComputedPropertyName(p.name) || isPure(p.name.expression)) && isPure(p.initializer) : ts.isSpreadAssignment(p) ? isPure(p.expression) : true,
    );
  // Reading a property of a local or an import (`styles.root`, `React.Component`).
  if (ts.isPropertyAccessExpression(node)) return isPure(node.expression);
  if (ts.isTaggedTemplateExpression(node)) return isPureCallee(node.tag) && isPure(node.template as ts.Expression);
  if (ts.isCallExpression(node)) return (hasPureAnnotation(node) || isPureCallee(node.expression)) && node.arguments.every((a) => isPure(a));
  return false;
}

function isPureCallee(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return PURE_CALLS.has(callee.text);
  // styled.div, React.memo, Object.freeze, styled(Button).attrs
  if (ts.isPropertyAccessExpression(callee)) return PURE_CALLS.has(callee.name.text) || isPureCallee(callee.expression);
  // inject("store")(observer(View)), connect(map)(View)
  if (ts.isCallExpression(callee)) return isPureCallee(callee.expression) && callee.arguments.every((a) => isPure(a));
  return false;
}

function hasPureAnnotation(node: ts.Node): boolean {
  const text = node.getSourceFile().text;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  return comments.some((c) => /[#@]__PURE__/.test(text.slice(c.pos, c.end)));
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
