import ts from "../typescript-api.cjs";
import { propertyChain } from "./property-chain.js";

/** The evaluator's values, by shape (evaluate.ts imports this file). */
type StaticValue = string | StaticObject;
interface StaticObject {
  get(key: string): StaticValue | undefined;
  keys(): string[];
}

/**
 * Flag definition objects: `export const featureX = new Feature("x", false)`, passed around in place of
 * the key (`useFeature(featureX)`, `useConditionalFeature({ feature: featureX })`) and read as
 * `feature.id` inside the app's hooks. Such an object stands for its flag: its key is the constructor's
 * first argument when that is a string known at build time. Its properties are the constructor arguments
 * the class stores (`constructor(id, defaultValue) { this.id = id; ... }` or `constructor(readonly id)`),
 * when the class can be read; otherwise only the key is known.
 */
export interface DefinitionObject extends StaticObject {
  /** The flag the object defines. */
  readonly definitionKey: string;
}

export function isDefinitionObject(value: StaticValue | undefined): value is DefinitionObject {
  return value !== undefined && typeof value !== "string" && typeof (value as Partial<DefinitionObject>).definitionKey === "string";
}

/**
 * The value of `new C(args)`, or undefined when its first argument is not a known string.
 * `evaluateArgument` evaluates one argument; `classOf` finds the class declaration `C` names, if any.
 */
export function definitionObject(
  node: ts.NewExpression,
  evaluateArgument: (argument: ts.Expression) => StaticValue | undefined,
  classOf: (name: ts.Expression) => ts.ClassLikeDeclaration | undefined,
): DefinitionObject | undefined {
  const args = node.arguments ?? [];
  const first = args[0];
  if (!first || ts.isSpreadElement(first)) return undefined;
  const key = evaluateArgument(first);
  if (typeof key !== "string") return undefined;
  let stored: Map<string, number> | undefined;
  const storedProperties = (): Map<string, number> => {
    if (stored) return stored;
    const declaration = classOf(node.expression);
    stored = declaration ? constructorStores(declaration) : new Map();
    return stored;
  };
  return {
    definitionKey: key,
    get: (property) => {
      const index = storedProperties().get(property);
      const argument = index === undefined ? undefined : args[index];
      return argument && !ts.isSpreadElement(argument) ? evaluateArgument(argument) : undefined;
    },
    keys: () => [...storedProperties().keys()],
  };
}

/** Property name -> constructor parameter index, for the parameters the constructor stores unchanged. */
function constructorStores(declaration: ts.ClassLikeDeclaration): Map<string, number> {
  const stores = new Map<string, number>();
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  if (!constructor) return stores;
  const indexOf = new Map<string, number>();
  constructor.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    indexOf.set(parameter.name.text, index);
    // `constructor(readonly id: string)` declares and stores the property.
    if (ts.getModifiers(parameter)?.some((m) => isParameterPropertyModifier(m.kind))) stores.set(parameter.name.text, index);
  });
  for (const statement of constructor.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    const expression = statement.expression;
    if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = expression.left;
    if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    if (ts.isIdentifier(expression.right) && indexOf.has(expression.right.text)) stores.set(target.name.text, indexOf.get(expression.right.text)!);
  }
  return stores;
}

function isParameterPropertyModifier(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.ReadonlyKeyword ||
    kind === ts.SyntaxKind.PublicKeyword ||
    kind === ts.SyntaxKind.PrivateKeyword ||
    kind === ts.SyntaxKind.ProtectedKeyword
  );
}

/**
 * Where a key expression inside a function comes from: parameter `index` of `fn`, then the `path` of
 * properties read off it. `feature.id` with `(feature) => ...` is `{ index: 0, path: ["id"] }`;
 * `({ feature }) => ... feature.id` is `{ index: 0, path: ["feature", "id"] }`. Undefined for anything
 * else (a computed member, a local, a rest element, a default value that may stand in for the argument).
 */
export function parameterPath(key: ts.Expression): { fn: ts.SignatureDeclaration; index: number; path: string[] } | undefined {
  const chain = propertyChain(key);
  if (!chain) return undefined;
  const { root, path } = chain;
  const name = root.text;
  for (let node: ts.Node | undefined = root.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    for (const [index, parameter] of node.parameters.entries()) {
      const inner = bindingPath(parameter.name, name);
      if (inner) return { fn: node, index, path: [...inner, ...path] };
    }
    // `const { id } = feature;` reads the key off a parameter too; any other local is not a parameter.
    const local = localDeclaration(node, name);
    if (local) {
      const inner = local.initializer && bindingPath(local.name, name);
      const base = inner && parameterPath(local.initializer!);
      return base ? { fn: base.fn, index: base.index, path: [...base.path, ...inner, ...path] } : undefined;
    }
  }
  return undefined;
}

/**
 * Whether a function is an implementation handed out under a property name (`{ getFeatureValue: (f) =>
 * gb.getFeatureValue(f.id) }`, a class method, `useCallback((f) => ...)`): its callers pass the keys,
 * but without types they cannot be found, and the key inside is no more dynamic than a wrapper's.
 */
export function isHandedOutImplementation(fn: ts.SignatureDeclaration): boolean {
  if (ts.isMethodDeclaration(fn)) return true;
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) parent = parent.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer !== undefined) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === "useCallback") return parent.arguments[0] !== undefined;
  return false;
}

/** The property path to `name` inside a parameter's binding (`[]` for the parameter itself). */
function bindingPath(binding: ts.BindingName, name: string): string[] | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? [] : undefined;
  if (!ts.isObjectBindingPattern(binding)) return undefined;
  for (const element of binding.elements) {
    if (element.dotDotDotToken || element.initializer) {
      if (bindsName(element.name, name)) return undefined;
      continue;
    }
    const property = element.propertyName
      ? ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName)
        ? element.propertyName.text
        : undefined
      : ts.isIdentifier(element.name)
        ? element.name.text
        : undefined;
    if (property === undefined) {
      if (bindsName(element.name, name)) return undefined;
      continue;
    }
    const inner = bindingPath(element.name, name);
    if (inner) return [property, ...inner];
  }
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

function localDeclaration(fn: ts.SignatureDeclaration, name: string): ts.VariableDeclaration | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return undefined;
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const found = statement.declarationList.declarations.find((d) => bindsName(d.name, name));
    if (found) return found;
  }
  return undefined;
}

