import ts from "../typescript-api.cjs";
import { propertyChain, skipOuter } from "./property-chain.js";
import type { StaticEvaluator, StaticValue } from "./evaluate.js";
import type { ModuleInfo } from "./module-graph.js";

/** Array methods whose callback sees each element in turn. */
const ITERATION_METHODS = new Set(["map", "forEach", "filter", "find", "some", "every", "flatMap"]);

/**
 * `SOCIAL_MEDIA.map((media) => <IfFeatureOn feature={media.feature}>)` over a constant array of config
 * objects: the key is each element's `feature` in turn, so the check reads every one of them. Also through
 * a choice between such reads (`isMobile ? media.featureMobile : media.feature`). Undefined unless every
 * value is known.
 */
export function keyValues(key: ts.Expression, evaluator: StaticEvaluator, module: ModuleInfo): string[] | undefined {
  const inner = skipOuter(key);
  if (ts.isConditionalExpression(inner)) {
    const whenTrue = keyValues(inner.whenTrue, evaluator, module);
    const whenFalse = whenTrue && keyValues(inner.whenFalse, evaluator, module);
    return whenTrue && whenFalse ? [...new Set([...whenTrue, ...whenFalse])] : undefined;
  }
  // `FLOW_FLAGS[id] ?? "fallback"`: either side may be the key.
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    const constant = evaluator.evaluateString(inner.left, module);
    if (constant !== undefined) return [constant];
    const left = keyValues(inner.left, evaluator, module);
    const right = left && keyValues(inner.right, evaluator, module);
    return left && right ? [...new Set([...left, ...right])] : undefined;
  }
  const element = elementRead(inner);
  if (!element) {
    const value = evaluator.evaluateString(inner, module);
    return value === undefined ? tableEntries(inner, evaluator, module) : [value];
  }
  const array = evaluator.evaluate(element.array, module, 0);
  if (array === undefined || typeof array === "string" || !isArrayValue(array)) return undefined;
  const values: string[] = [];
  for (const index of array.keys()) {
    let value: StaticValue | undefined = array.get(index);
    for (const segment of element.path) value = value === undefined || typeof value === "string" ? undefined : value.get(segment);
    if (typeof value !== "string") return undefined;
    values.push(value);
  }
  return values.length > 0 ? [...new Set(values)] : undefined;
}

/**
 * `const flag = FLOW_FLAGS[flowId]; if (flag) await requireFlag(flag)` over a constant table whose every
 * entry is a flag key: the check reads one entry, chosen at run time, so it reads each of them.
 */
function tableEntries(key: ts.Expression, evaluator: StaticEvaluator, module: ModuleInfo): string[] | undefined {
  const lookup = tableLookup(key, evaluator);
  if (!lookup || evaluator.evaluateString(lookup.argumentExpression, module) !== undefined) return undefined;
  const table = evaluator.evaluate(lookup.expression, module, 0);
  if (table === undefined || typeof table === "string") return undefined;
  const values = table.keys().map((entry) => table.get(entry));
  if (values.length === 0 || !values.every((value): value is string => typeof value === "string")) return undefined;
  return [...new Set(values)];
}

/** `TABLE[index]` with an index that is not a literal, directly or as the initializer of a `const` in scope. */
function tableLookup(key: ts.Expression, evaluator: StaticEvaluator): ts.ElementAccessExpression | undefined {
  let expression = skipOuter(key);
  if (ts.isIdentifier(expression)) {
    // The evaluator's own scope lookup: the same declaration a constant key would resolve to.
    const local = evaluator.lookupLocal(expression);
    if (local.kind !== "declaration" || !ts.isVariableDeclaration(local.node) || !local.node.initializer) return undefined;
    const list = local.node.parent;
    if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
    expression = skipOuter(local.node.initializer);
  }
  if (!ts.isElementAccessExpression(expression)) return undefined;
  return ts.isStringLiteralLike(expression.argumentExpression) || ts.isNumericLiteral(expression.argumentExpression) ? undefined : expression;
}

/**
 * Whether a key is read off the element parameter of an iteration callback, also as one side of a choice
 * or of `??` (syntax only): such a check stands for every element, so no single flag's cleanup may fold it.
 */
export function readsListElement(key: ts.Expression): boolean {
  const inner = skipOuter(key);
  if (ts.isConditionalExpression(inner)) return readsListElement(inner.whenTrue) || readsListElement(inner.whenFalse);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
    return readsListElement(inner.left) || readsListElement(inner.right);
  }
  return elementRead(inner) !== undefined;
}

function elementRead(key: ts.Expression): { array: ts.Expression; path: string[] } | undefined {
  const chain = propertyChain(key);
  if (!chain) return undefined;
  const { root, path } = chain;
  const name = root.text;
  for (let node: ts.Node | undefined = root.parent; node; node = node.parent) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) {
      if (ts.isFunctionLike(node)) return undefined;
      continue;
    }
    const parameter = node.parameters[0];
    const binding = parameter && bindingPath(parameter.name, name);
    if (!binding) {
      if (node.parameters.some((p) => bindsName(p.name, name))) return undefined;
      continue;
    }
    const call = node.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== node) return undefined;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ITERATION_METHODS.has(callee.name.text)) return undefined;
    return { array: callee.expression, path: [...binding, ...path] };
  }
  return undefined;
}

/** An array value from the evaluator: its keys are "0", "1", ... */
function isArrayValue(value: { keys(): string[] }): boolean {
  const keys = value.keys();
  return keys.length > 0 && keys.every((key, i) => key === String(i));
}

function bindingPath(binding: ts.BindingName, name: string): string[] | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? [] : undefined;
  if (!ts.isObjectBindingPattern(binding)) return undefined;
  for (const element of binding.elements) {
    if (element.dotDotDotToken || element.initializer) continue;
    const property = element.propertyName ? (ts.isIdentifier(element.propertyName) ? element.propertyName.text : undefined) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    const inner = property === undefined ? undefined : bindingPath(element.name, name);
    if (inner) return [property!, ...inner];
  }
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

