import ts from "../typescript-api.cjs";

/** Keys of a module-level object that were assigned elsewhere than at the top level, or more than once. */
const POISONED = Symbol("poisoned");

const cache = new WeakMap<ts.VariableDeclaration, Map<string, ts.Expression | typeof POISONED> | undefined>();

/**
 * `const FEATURES = {}; FEATURES.NEW_CHECKOUT = "new-checkout";`: the properties a module-level
 * `const` object receives by assignment at the top level of its file, each assigned exactly once.
 * A key also assigned inside a function, or twice, maps to `null` (its value depends on run time).
 */
export function assignedProperties(declaration: ts.VariableDeclaration): ReadonlyMap<string, ts.Expression | null> | undefined {
  if (!cache.has(declaration)) cache.set(declaration, collect(declaration));
  const found = cache.get(declaration);
  if (!found) return undefined;
  return new Map([...found].map(([key, value]) => [key, value === POISONED ? null : value]));
}

function collect(declaration: ts.VariableDeclaration): Map<string, ts.Expression | typeof POISONED> | undefined {
  if (!ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  const sourceFile = statement.parent;
  const name = declaration.name.text;
  // Cheap test first: most constants are never assigned to.
  if (!new RegExp(`(?<![\\w$])${name.replaceAll("$", "\\$")}\\s*(\\.\\s*[\\w$]+|\\[[^\\]]+\\])\\s*=[^=]`).test(sourceFile.text)) return undefined;
  const assigned = new Map<string, ts.Expression | typeof POISONED>();
  const visit = (node: ts.Node, topLevel: boolean): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const key = assignedKey(node.left, name);
      if (key !== undefined) {
        const once = topLevel && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && !assigned.has(key) && node.pos >= statement.end;
        assigned.set(key, once ? node.right : POISONED);
      }
    }
    const nested = topLevel && !(ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isBlock(node) || ts.isIterationStatement(node, false) || ts.isIfStatement(node));
    ts.forEachChild(node, (child) => visit(child, nested));
  };
  for (const top of sourceFile.statements) visit(top, ts.isExpressionStatement(top));
  return assigned.size === 0 ? undefined : assigned;
}

function assignedKey(target: ts.Expression, name: string): string | undefined {
  if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === name) return target.name.text;
  if (ts.isElementAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === name) {
    const argument = target.argumentExpression;
    if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) return argument.text;
  }
  return undefined;
}
