import ts from "../typescript-api.cjs";
import type { FlagsObjectAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import type { FlagReference } from "../../../scan/reference.js";
import type { StaticEvaluator } from "./evaluate.js";
import type { FlagsObjectMatch, FlagsObjectTracker } from "./flags-object.js";
import type { ModuleInfo } from "./module-graph.js";
import { skipOuter } from "./property-chain.js";

export interface LearnedStores {
  /** One flags-object accessor per store factory, with the store key -> flag key map. */
  accessors: Array<LearnedAccessorConfig & FlagsObjectAccessorConfig>;
  /** The store's own reads of flags through a mapping (`featureFlags.has(phFlag)`, one per mapped flag). */
  reads: FlagsObjectMatch[];
  /** The checks found before whose values fill a learned key (`flags.includes("x")` in `this.X = …`). */
  filling: FlagReference[];
}

/**
 * A Pinia store the app fills from the SDK, read elsewhere as `useFeatureFlagsStore().X`:
 *
 *   defineStore("flags", { onActivated() { posthog.onFeatureFlags((flags) => {
 *     this.ADMIN_PAGE = flags.includes("admin_page"); }) } })
 *
 *   for (const [flag, phFlag] of Object.entries(MAPPING)) this[flag] = featureFlags.has(phFlag);
 *     (with `MAPPING` a constant object of strings, `featureFlags` the SDK's list or a `new Set` of it,
 *     handed to the action by the store's own `this.setFlags(new Set(flags))`)
 *
 * The factory (`export const useX = defineStore(...)`, or an exported function returning one) is learned
 * as a flags object whose keys map to those flags. Conservative: a key also set from anything else is not
 * mapped, and a computed `this[k] = …` the learner cannot follow, or a `$patch`, means nothing is learned.
 */
export function learnStores(
  sourceFile: ts.SourceFile,
  module: ModuleInfo,
  references: readonly FlagReference[],
  tracker: FlagsObjectTracker,
  evaluator: StaticEvaluator,
): LearnedStores {
  const learned: LearnedStores = { accessors: [], reads: [], filling: [] };
  if (!sourceFile.text.includes("defineStore")) return learned;
  const byCheck = new Map<string, FlagReference>();
  // Only a flag's plain on/off state is what a store key can stand for (readers read it as a boolean).
  for (const reference of references) {
    if (reference.flag !== undefined && reference.returns !== "value" && reference.negated !== true) byCheck.set(`${reference.checkRange.start}:${reference.checkRange.end}`, reference);
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isDefineStore(node)) {
      const store = learnStore(node, sourceFile, module, byCheck, tracker, evaluator);
      if (store) {
        learned.accessors.push(store.accessor);
        learned.reads.push(...store.reads);
        learned.filling.push(...store.filling);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return learned;
}

function learnStore(
  call: ts.CallExpression,
  sourceFile: ts.SourceFile,
  module: ModuleInfo,
  byCheck: ReadonlyMap<string, FlagReference>,
  tracker: FlagsObjectTracker,
  evaluator: StaticEvaluator,
): { accessor: LearnedAccessorConfig & FlagsObjectAccessorConfig; reads: FlagsObjectMatch[]; filling: FlagReference[] } | undefined {
  const options = call.arguments.find((argument): argument is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(argument));
  const factory = factoryName(call, module);
  if (!options || !factory) return undefined;
  const mapped = new Map<string, string>();
  const fillers = new Map<string, FlagReference[]>();
  const unproven = new Set<string>();
  const reads: FlagsObjectMatch[] = [];
  let wraps: string | undefined;
  let opaque = false;
  const visit = (node: ts.Node): void => {
    if (opaque) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === "$patch" && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      opaque = true;
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipOuter(node.left);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && target.expression.kind === ts.SyntaxKind.ThisKeyword && isStoreThis(target.expression, options)) {
        const key = ts.isPropertyAccessExpression(target) ? target.name.text : literalText(target.argumentExpression);
        const value = skipOuter(node.right);
        if (key !== undefined) {
          const reference = node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? byCheck.get(`${value.getStart(sourceFile)}:${value.getEnd()}`) : undefined;
          if (reference && (!mapped.has(key) || mapped.get(key) === reference.flag)) {
            mapped.set(key, reference.flag!);
            fillers.set(key, [...(fillers.get(key) ?? []), reference]);
            wraps ??= reference.accessor;
          } else unproven.add(key);
        } else {
          const loop = mappingLoop(target as ts.ElementAccessExpression, value, options, module, tracker, evaluator);
          if (loop === undefined) opaque = true;
          else {
            for (const [storeKey, flag] of loop.entries) {
              if (loop.proven && (!mapped.has(storeKey) || mapped.get(storeKey) === flag)) mapped.set(storeKey, flag);
              else unproven.add(storeKey);
            }
            if (loop.proven) {
              reads.push(...loop.reads);
              wraps ??= loop.accessor;
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(options);
  if (opaque) return undefined;
  const keyMap: Record<string, string> = {};
  const filling: FlagReference[] = [];
  for (const [key, flag] of mapped) {
    if (unproven.has(key)) continue;
    keyMap[key] = flag;
    filling.push(...(fillers.get(key) ?? []));
  }
  if (Object.keys(keyMap).length === 0) return undefined;
  const accessor: LearnedAccessorConfig & FlagsObjectAccessorConfig = { flagsObject: factory, keyMap, language: "typescript" };
  if (wraps !== undefined) accessor.wraps = wraps;
  return { accessor, reads, filling };
}

/**
 * `for (const [flag, phFlag] of Object.entries(MAPPING)) this[flag] = list.has(phFlag)`: `entries` are the
 * mapping's pairs (every value a string, or undefined: nothing is learned), `proven` whether the value
 * written is the SDK's answer for the mapped key.
 */
function mappingLoop(
  target: ts.ElementAccessExpression,
  value: ts.Expression,
  options: ts.ObjectLiteralExpression,
  module: ModuleInfo,
  tracker: FlagsObjectTracker,
  evaluator: StaticEvaluator,
): { entries: Array<[string, string]>; proven: boolean; reads: FlagsObjectMatch[]; accessor?: string } | undefined {
  const keyName = skipOuter(target.argumentExpression);
  if (!ts.isIdentifier(keyName)) return undefined;
  const loop = enclosingEntriesLoop(target, keyName.text);
  if (!loop) return undefined;
  const mapping = evaluator.evaluate(loop.object, module, 0);
  if (mapping === undefined || typeof mapping === "string") return undefined;
  const entries: Array<[string, string]> = [];
  for (const key of mapping.keys()) {
    const flag = mapping.get(key);
    if (typeof flag !== "string") return undefined;
    entries.push([key, flag]);
  }
  const check = ts.isCallExpression(value) ? value : undefined;
  const callee = check && skipOuter(check.expression);
  const argument = check?.arguments[0];
  const proven =
    check !== undefined &&
    callee !== undefined &&
    ts.isPropertyAccessExpression(callee) &&
    (callee.name.text === "has" || callee.name.text === "includes") &&
    argument !== undefined &&
    ts.isIdentifier(skipOuter(argument)) &&
    (skipOuter(argument) as ts.Identifier).text === loop.valueName;
  if (!proven) return { entries, proven: false, reads: [] };
  const list = flagsListOf((callee as ts.PropertyAccessExpression).expression, options, tracker);
  if (!list) return { entries, proven: false, reads: [] };
  const reads: FlagsObjectMatch[] = entries.map(([, flag]) => ({
    kind: "flags-object",
    accessor: list,
    key: argument!,
    literalKey: flag,
    check: check!,
    keyPattern: undefined,
    valueKind: "boolean",
    // One check stands for every mapped flag: no single flag's cleanup may fold it.
    opaque: true,
  }));
  return { entries, proven: true, reads, accessor: list };
}

/** The accessor whose flags list `expression` is: a list local, or an action parameter the store fills with one. */
function flagsListOf(expression: ts.Expression, options: ts.ObjectLiteralExpression, tracker: FlagsObjectTracker): string | undefined {
  const inner = skipOuter(expression);
  const direct = tracker.flagsMatcherOf(inner);
  if (direct?.config.list) return direct.config.flagsObject;
  if (!ts.isIdentifier(inner)) return undefined;
  // `setFlags(featureFlags: Set<string>) { … }` called as `this.setFlags(new Set(flags))` in the store.
  const method = enclosingMethodWithParameter(inner);
  if (!method) return undefined;
  const calls = callsOfAction(options, method.name);
  if (calls.length === 0) return undefined;
  let found: string | undefined;
  for (const call of calls) {
    const passed = call.arguments[method.index];
    if (!passed) return undefined;
    let list = skipOuter(passed);
    if (ts.isNewExpression(list) && ts.isIdentifier(list.expression) && list.expression.text === "Set" && list.arguments?.length === 1) list = skipOuter(list.arguments[0]!);
    const matcher = tracker.flagsMatcherOf(list);
    if (!matcher?.config.list) return undefined;
    found ??= matcher.config.flagsObject;
  }
  return found;
}

function enclosingMethodWithParameter(identifier: ts.Identifier): { name: string; index: number } | undefined {
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === identifier.text);
    if (index === -1) continue;
    if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name)) return { name: node.name.text, index };
    if (ts.isFunctionExpression(node) && ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)) return { name: node.parent.name.text, index };
    return undefined;
  }
  return undefined;
}

/** `this.setFlags(...)` calls anywhere in the store's options. */
function callsOfAction(options: ts.ObjectLiteralExpression, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === name && callee.expression.kind === ts.SyntaxKind.ThisKeyword && isStoreThis(callee.expression, options)) calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(options);
  return calls;
}

/** `for (const [key, value] of Object.entries(X))` around `node`, binding `keyName`. */
function enclosingEntriesLoop(node: ts.Node, keyName: string): { object: ts.Expression; valueName: string } | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    if (!ts.isForOfStatement(current) || !ts.isVariableDeclarationList(current.initializer)) continue;
    const declaration = current.initializer.declarations[0];
    if (!declaration || !ts.isArrayBindingPattern(declaration.name)) continue;
    const [first, second] = declaration.name.elements;
    if (!first || !second || ts.isOmittedExpression(first) || ts.isOmittedExpression(second) || !ts.isIdentifier(first.name) || !ts.isIdentifier(second.name)) continue;
    if (first.name.text !== keyName) continue;
    const source = skipOuter(current.expression);
    if (!ts.isCallExpression(source) || source.arguments.length !== 1) return undefined;
    const callee = skipOuter(source.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== "Object" || callee.name.text !== "entries") return undefined;
    return { object: source.arguments[0]!, valueName: second.name.text };
  }
  return undefined;
}

/**
 * Whether `this` is the store: the function it belongs to (arrow functions pass `this` through) is a
 * method of the options object or of an object inside it (`actions: { setFlags() {} }`).
 */
function isStoreThis(node: ts.Node, options: ts.ObjectLiteralExpression): boolean {
  let fn: ts.Node | undefined = node.parent;
  while (fn && !(ts.isFunctionLike(fn) && !ts.isArrowFunction(fn))) fn = fn.parent;
  if (!fn || !(ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn))) return false;
  for (let current: ts.Node = fn.parent; ; current = current.parent) {
    if (current === options) return true;
    if (!(ts.isObjectLiteralExpression(current) || ts.isPropertyAssignment(current))) return false;
  }
}

/** The name importers call the store by: `export const useX = defineStore(...)`, or the exported function around it. */
function factoryName(call: ts.CallExpression, module: ModuleInfo): string | undefined {
  for (let node: ts.Node = call.parent; !ts.isSourceFile(node); node = node.parent) {
    let name: string | undefined;
    // Only a module's own top-level name is what importers call (a local `const store = defineStore()`
    // inside the exported function is not).
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && ts.isVariableStatement(node.parent.parent) && ts.isSourceFile(node.parent.parent.parent)) name = node.name.text;
    else if (ts.isFunctionDeclaration(node) && ts.isSourceFile(node.parent)) name = node.name?.text;
    else continue;
    return name !== undefined && module.exports.has(name) && module.declarations.has(name) ? name : undefined;
  }
  return undefined;
}

function isDefineStore(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  return (ts.isIdentifier(callee) && callee.text === "defineStore") || (ts.isPropertyAccessExpression(callee) && callee.name.text === "defineStore");
}

function literalText(expression: ts.Expression): string | undefined {
  const inner = skipOuter(expression);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) ? inner.text : undefined;
}
