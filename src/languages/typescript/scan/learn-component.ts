import ts from "../typescript-api.cjs";
import type { JsxAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";

/** Props a gate component commonly renders when the flag is off, when no conditional says which. */
const FALLBACK_NAMES = ["fallback", "else", "otherwise", "off", "disabled"];

/**
 * `function FeatureFlagLayout({ flag, then, else: otherwise }) { return isOn(flag) ? then : otherwise; }`:
 * a component whose prop is the key of a check is a gate, used as `<FeatureFlagLayout flag="x" ...>`.
 * The props it renders on each side are read off the conditional around the check; without one, the
 * children render when on and a prop named like `fallback`/`else` when off.
 */
export function learnComponent(key: ts.Node, check: ts.Node): JsxAccessorConfig | undefined {
  const found = componentProp(key);
  if (!found) return undefined;
  const { fn, name, prop, props } = found;
  const learned: JsxAccessorConfig = { jsx: name, prop };
  const sides = conditionalSides(fn, check);
  const thenProp = sides && propOf(sides.whenTrue, props);
  const fallbackProp = sides ? propOf(sides.whenFalse, props) : FALLBACK_NAMES.find((n) => props.names.has(n));
  if (thenProp !== undefined && thenProp !== "children") learned.thenProp = thenProp;
  if (fallbackProp !== undefined && fallbackProp !== "children") learned.fallbackProp = fallbackProp;
  // A component that renders more than the side the flag picks (a wrapper, a heading) cannot be replaced
  // by that side: its uses are still checks, but the cleanup leaves them and says so.
  if (!isPureGate(fn, check, props)) (learned as LearnedAccessorConfig).opaque = true;
  return learned;
}

/**
 * Whether the component renders exactly one of its props (or nothing) depending on the check:
 * `return on ? then : otherwise`, `return isOn(flag) && children`, with locals holding the check before.
 */
function isPureGate(fn: ts.SignatureDeclaration, check: ts.Node, props: PropsBinding): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  let rendered: ts.Expression | undefined;
  if (ts.isBlock(body)) {
    const statements = [...body.statements];
    const last = statements.pop();
    if (!last || !ts.isReturnStatement(last) || !last.expression) return false;
    if (!statements.every((statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.every((d) => d.initializer !== undefined && contains(d.initializer, check)))) {
      return false;
    }
    rendered = last.expression;
  } else {
    rendered = body as ts.Expression;
  }
  let inner = skipParens(rendered);
  if (ts.isJsxFragment(inner)) {
    const children = inner.children.filter((c) => !(ts.isJsxText(c) && c.text.trim() === ""));
    const only = children.length === 1 ? children[0] : undefined;
    if (!only || !ts.isJsxExpression(only) || !only.expression) return false;
    inner = skipParens(only.expression);
  }
  const isSide = (side: ts.Expression): boolean => {
    const value = skipParens(side);
    return value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === "undefined") || propOf(value, props) !== undefined;
  };
  if (ts.isConditionalExpression(inner)) return isSide(inner.whenTrue) && isSide(inner.whenFalse);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return isSide(inner.right);
  return false;
}

function contains(node: ts.Node, target: ts.Node): boolean {
  return target.pos >= node.pos && target.end <= node.end;
}

interface PropsBinding {
  /** The props parameter's name (`props`), when it is not destructured. */
  object: string | undefined;
  /** Local name -> prop name, for a destructured props parameter. */
  locals: Map<string, string>;
  /** Every prop name the parameter names. */
  names: Set<string>;
}

function componentProp(key: ts.Node): { fn: ts.SignatureDeclaration; name: string; prop: string; props: PropsBinding } | undefined {
  for (let current = key.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const name = componentName(current);
    const parameter = current.parameters[0];
    if (!name || !parameter) {
      // An inner callback (`useMemo(() => isOn(flag))`) that does not bind the key's name: look further out.
      const root = ts.isIdentifier(key) ? key.text : ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) ? key.expression.text : undefined;
      if (root !== undefined && current.parameters.some((p) => bindsName(p.name, root))) return undefined;
      continue;
    }
    const props = propsBinding(parameter.name);
    let prop: string | undefined;
    if (ts.isIdentifier(key)) prop = props.locals.get(key.text);
    else if (ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) && key.expression.text === props.object) prop = key.name.text;
    return prop === undefined ? undefined : { fn: current, name, prop, props };
  }
  return undefined;
}

function propsBinding(name: ts.BindingName): PropsBinding {
  const binding: PropsBinding = { object: undefined, locals: new Map(), names: new Set() };
  if (ts.isIdentifier(name)) binding.object = name.text;
  else if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      if (element.dotDotDotToken || !ts.isIdentifier(element.name)) continue;
      const property = element.propertyName;
      const propName = property === undefined ? element.name.text : ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
      if (propName === undefined) continue;
      binding.locals.set(element.name.text, propName);
      binding.names.add(propName);
    }
  }
  return binding;
}

/** A function component's name: capitalised, as JSX requires. */
function componentName(fn: ts.SignatureDeclaration): string | undefined {
  let name: string | undefined;
  if (ts.isFunctionDeclaration(fn)) name = fn.name?.text;
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) name = fn.parent.name.text;
  return name !== undefined && /^[A-Z]/.test(name) ? name : undefined;
}

/** The conditional in `fn` whose condition is the check, or a local holding it. */
function conditionalSides(fn: ts.SignatureDeclaration, check: ts.Node): { whenTrue: ts.Expression; whenFalse: ts.Expression } | undefined {
  const holders = new Set<string>();
  for (let current = check.parent; current && current !== fn; current = current.parent) {
    if (ts.isVariableDeclaration(current) && ts.isIdentifier(current.name)) holders.add(current.name.text);
  }
  const mentionsCheck = (node: ts.Node): boolean =>
    node === check || (ts.isIdentifier(node) && holders.has(node.text)) || (ts.forEachChild(node, (child) => mentionsCheck(child) || undefined) ?? false);
  let found: { whenTrue: ts.Expression; whenFalse: ts.Expression } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isConditionalExpression(node) && mentionsCheck(node.condition)) {
      const negated = ts.isPrefixUnaryExpression(skipParens(node.condition)) && (skipParens(node.condition) as ts.PrefixUnaryExpression).operator === ts.SyntaxKind.ExclamationToken;
      found = negated ? { whenTrue: node.whenFalse, whenFalse: node.whenTrue } : { whenTrue: node.whenTrue, whenFalse: node.whenFalse };
      return;
    }
    ts.forEachChild(node, visit);
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return found;
}

/** The prop an expression renders: `then`, `props.then`, `then ?? children`, `<>{then}</>`. */
function propOf(expression: ts.Expression, props: PropsBinding): string | undefined {
  let inner = skipParens(expression);
  if (ts.isBinaryExpression(inner) && (inner.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || inner.operatorToken.kind === ts.SyntaxKind.BarBarToken)) inner = skipParens(inner.left);
  if (ts.isJsxFragment(inner)) {
    const children = inner.children.filter((c) => !(ts.isJsxText(c) && c.text.trim() === ""));
    const only = children.length === 1 ? children[0] : undefined;
    if (only && ts.isJsxExpression(only) && only.expression) return propOf(only.expression, props);
    return undefined;
  }
  if (ts.isIdentifier(inner)) return props.locals.get(inner.text);
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === props.object) return inner.name.text;
  return undefined;
}

function skipParens(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) current = current.expression;
  return current;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}
