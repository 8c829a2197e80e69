import ts from "../typescript-api.cjs";

/**
 * The expression without what changes only its type or grouping: parentheses, `x!`, `x as T` and
 * `x satisfies T` evaluate to `x`.
 */
export function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * `feature.config.id` as its root identifier (`feature`) and the properties read off it (`["config",
 * "id"]`), looking through `skipOuter` at each step; undefined when the chain is computed or does not
 * start at an identifier.
 */
export function propertyChain(expression: ts.Expression): { root: ts.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let current = skipOuter(expression);
  while (ts.isPropertyAccessExpression(current)) {
    path.unshift(current.name.text);
    current = skipOuter(current.expression);
  }
  return ts.isIdentifier(current) ? { root: current, path } : undefined;
}
