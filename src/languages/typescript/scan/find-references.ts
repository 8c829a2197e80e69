import ts from "../typescript-api.cjs";
import { skipOuter } from "./property-chain.js";
import type { CallAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import type { CallMatcher, CompiledAccessors, HocMatcher, JsxMatcher } from "./accessors.js";
import type { FlagReference, GuardInfo, ReferenceKind } from "../../../scan/reference.js";
import type { StaticEvaluator } from "./evaluate.js";
import type { ModuleInfo } from "./module-graph.js";
import { FlagsObjectTracker, isAssignmentTarget } from "./flags-object.js";
import { learnPassedOn, learnReturnedFlags } from "./flags-passed-on.js";
import { learnComponent } from "./learn-component.js";
import { learnStores } from "./learn-store.js";
import { templateExpressionsOf } from "../vue-template.js";
import { isHandedOutImplementation, parameterPath } from "./definition-object.js";
import { keyValues, readsListElement } from "./element-keys.js";

export interface FindReferencesResult {
  references: FlagReference[];
  /**
   * Accessors this file defines under new names: functions that pass one of their parameters straight
   * into an accessor (`const useFlag = (name) => isFeatureEnabled(name)`), and renamed re-exports.
   * Calls of these names elsewhere are references too.
   */
  learnedAccessors: LearnedAccessorConfig[];
  /**
   * Words that mark more files worth parsing: when this module default-exports an accessor, its
   * importers may call it by any name, but their import specifier names this file.
   */
  learnedNeedles: string[];
}

interface Match {
  kind: ReferenceKind;
  accessor: string;
  key: ts.Expression | ts.Identifier | ts.StringLiteral;
  /** For member access `a.b.ff_x`, the key is a name, not an expression to evaluate. */
  literalKey?: string;
  check: ts.Node;
  keyPattern: RegExp | undefined;
  negated?: boolean;
  /** JSX gates render their children only when the flag is on: the children are guarded. */
  guardsChildren?: boolean;
  /** What the check reads; `value` checks are never folded into booleans. @default "boolean" */
  valueKind?: "boolean" | "value";
  /** How the SDK turns registry keys into the keys code reads (`camelCase`). */
  keyTransform?: "camelCase";
  /** Properties to read off the key's value to reach the key (a learned wrapper's `argPath`). */
  keyPath?: string[];
  /** A learned wrapper that returns more than the accessor's result. */
  opaque?: boolean;
  /** Report the read only when its key resolves (reads of a flags object passed on). */
  staticOnly?: boolean;
}

/**
 * Finds every flag check in one parsed file in a single walk, resolving keys through `evaluator` and
 * recording for each check the flag conditions it sits under (for `nested-flag`).
 */
export function findReferences(
  module: ModuleInfo,
  relativePath: string,
  accessors: CompiledAccessors,
  evaluator: StaticEvaluator,
): FindReferencesResult {
  return new ReferenceFinder(module, relativePath, accessors, evaluator).run();
}

class ReferenceFinder {
  private readonly sourceFile: ts.SourceFile;
  private readonly references: FlagReference[] = [];
  private readonly learned: LearnedAccessorConfig[] = [];
  private readonly learnedNeedles: string[] = [];
  /** Local names bound to an accessor under another name: `import { isFeatureEnabled as isFF }`. */
  private readonly callAliases = new Map<string, string>();
  /** Names of locals holding a checker function: `const check = useCheckFeatureFlag()`. */
  private readonly checkerNames = new Map<string, CallMatcher>();
  /** Locals holding a flag's value: `const showNew = isFeatureEnabled("ff_x")`. */
  private readonly flagLocals = new Map<string, GuardInfo[]>();
  /** The HOC accessors this file mentions at all; the others cannot match anywhere in it. */
  private readonly hocs: Array<[string, HocMatcher]>;
  private readonly hasJsxGates: boolean;
  /**
   * Sorted offsets where an accessor name, or a local name standing for one (an import alias, a checker
   * local), occurs in the text. Every match needs one inside its node, as the file prefilter does for the
   * whole file, so a subtree without one is not walked: most of a file that checks a flag is markup and
   * logic that never mentions it.
   */
  private readonly namePositions: number[] = [];
  private readonly flagsObjects: FlagsObjectTracker;

  constructor(
    private readonly module: ModuleInfo,
    private readonly relativePath: string,
    private readonly accessors: CompiledAccessors,
    private readonly evaluator: StaticEvaluator,
  ) {
    this.sourceFile = module.sourceFile;
    const text = this.sourceFile.text;
    this.hocs = [...accessors.hocs].filter(([name]) => text.includes(name));
    this.hasJsxGates = [...accessors.jsx.keys()].some((name) => text.includes(name.split(".").pop()!));
    const callNames = [...accessors.calls.keys()];
    for (const [local, binding] of module.imports) {
      if (binding.imported === "default") {
        // `import checkFlag from "./isFeatureEnabled"`: the name to match is the one the module declares.
        const target = evaluator.graph.resolveDefaultImportOf(module, binding, callNames);
        if (target !== undefined && target !== local && accessors.calls.has(target)) this.callAliases.set(local, target);
      } else if (binding.imported !== local && accessors.calls.has(binding.imported)) {
        this.callAliases.set(local, binding.imported);
      }
    }
    for (const name of [...accessors.needles, ...this.callAliases.keys()]) this.notePositionsOf(name);
    this.flagsObjects = new FlagsObjectTracker(this.sourceFile, accessors, (name) => this.notePositionsOf(name), relativePath);
  }

  private notePositionsOf(name: string): void {
    const text = this.sourceFile.text;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) this.namePositions.push(at);
    this.namePositions.sort((a, b) => a - b);
  }

  /** Whether a name that can start a match occurs within the node (its leading comments included). */
  private mayHoldReference(node: ts.Node): boolean {
    const positions = this.namePositions;
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (positions[middle]! < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < positions.length && positions[low]! < node.end;
  }

  run(): FindReferencesResult {
    this.learnReexports();
    for (const match of this.flagsObjects.pending) this.record(match, []);
    const template = templateExpressionsOf.get(this.sourceFile);
    if (template === undefined) this.visitStatements(this.sourceFile.statements, []);
    else {
      // A Vue template reads the script's names: its expressions come after every declaration they use.
      const inTemplate = (statement: ts.Statement) => template.some((e) => statement.end > e.start && statement.getStart(this.sourceFile) < e.end);
      this.visitStatements(this.sourceFile.statements.filter((statement) => !inTemplate(statement)), []);
      this.visitStatements(this.sourceFile.statements.filter(inTemplate), []);
    }
    const stores = learnStores(this.sourceFile, this.module, this.references, this.flagsObjects, this.evaluator);
    for (const read of stores.reads) {
      const reference = this.record(read, []);
      // `this[flag] = set.has(phFlag)` over a mapping: one check that reads each mapped flag in turn.
      if (reference && !ts.isStringLiteralLike(read.key)) reference.sharedCheck = true;
    }
    // The store and its readers change together: a check that fills a learned key is left by the cleanup too.
    for (const reference of stores.filling) reference.opaque = true;
    this.learned.push(...stores.accessors);
    return { references: this.references, learnedAccessors: this.learned, learnedNeedles: this.learnedNeedles };
  }

  private visit(node: ts.Node, guards: GuardInfo[]): void {
    if (!this.mayHoldReference(node)) return;
    if (ts.isCallExpression(node)) for (const read of this.flagsObjects.bindCallback(node)) this.record(read, guards);
    const match = this.match(node);
    let childGuards = guards;
    if (match) {
      const reference = this.record(match, guards);
      if (match.guardsChildren && reference?.flag) childGuards = addGuards(guards, [guardOf(reference)]);
    }

    if (this.flagsObjects.enabled && (ts.isCallExpression(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node) || ts.isReturnStatement(node) || ts.isArrowFunction(node))) {
      const site = { module: this.module, relativePath: this.relativePath, graph: this.evaluator.graph, tracker: this.flagsObjects, receivers: this.accessors.flagsReceivers };
      this.learned.push(...(ts.isReturnStatement(node) || ts.isArrowFunction(node) ? learnReturnedFlags(node, site) : learnPassedOn(node, site)));
    }

    if (ts.isIfStatement(node)) {
      const condition = this.visitCondition(node.expression, guards);
      this.visit(node.thenStatement, addGuards(guards, condition.whenTrue));
      if (node.elseStatement) this.visit(node.elseStatement, addGuards(guards, condition.whenFalse));
      return;
    }
    if (ts.isConditionalExpression(node)) {
      const condition = this.visitCondition(node.condition, guards);
      this.visit(node.whenTrue, addGuards(guards, condition.whenTrue));
      this.visit(node.whenFalse, addGuards(guards, condition.whenFalse));
      return;
    }
    if (ts.isBinaryExpression(node) && isLogicalOperator(node.operatorToken.kind)) {
      const condition = this.visitCondition(node.left, guards);
      // The right side runs when `&&`'s left is true, `||`'s false; `??`'s when it is nullish (any flag in it).
      const operator = node.operatorToken.kind;
      const reached = operator === ts.SyntaxKind.AmpersandAmpersandToken ? condition.whenTrue : operator === ts.SyntaxKind.BarBarToken ? condition.whenFalse : condition.all;
      this.visit(node.right, addGuards(guards, reached));
      return;
    }
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      if (ts.isCaseClause(node)) this.visit(node.expression, guards);
      this.visitStatements(node.statements, childGuards);
      return;
    }
    if (ts.isVariableDeclaration(node) && this.flagsObjects.enabled) {
      for (const read of this.flagsObjects.declare(node)) this.record(read, childGuards);
    }
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
      const before = this.references.length;
      this.visit(node.initializer, childGuards);
      const flags = this.references.slice(before).filter((r) => r.flag !== undefined).map(guardOf);
      if (flags.length > 0) this.flagLocals.set(node.name.text, flags);
      this.noteChecker(node);
      return;
    }
    ts.forEachChild(node, (child) => this.visit(child, childGuards));
  }

  /** Statements in order; `if (!flag) return;` guards everything after it in the block. */
  private visitStatements(statements: readonly ts.Statement[], guards: GuardInfo[]): void {
    let current = guards;
    for (const statement of statements) {
      if (ts.isIfStatement(statement) && !statement.elseStatement && alwaysExits(statement.thenStatement)) {
        const condition = this.visitCondition(statement.expression, current);
        this.visit(statement.thenStatement, addGuards(current, condition.whenTrue));
        // What follows runs when the condition is false: `if (!flag) return;` guards it, `if (flag && x) return;` does not.
        current = addGuards(current, condition.whenFalse);
        continue;
      }
      this.visit(statement, current);
    }
  }

  /**
   * Visits a condition and returns the flags it tests (locals that hold a flag's value included): those
   * whose state is settled when it is true, when it is false, and all of them.
   */
  private visitCondition(condition: ts.Expression, guards: GuardInfo[]): ConditionGuards {
    const before = this.references.length;
    this.visit(condition, guards);
    const found = this.references
      .slice(before)
      .filter((r) => r.flag !== undefined)
      .map((r) => ({ at: r.keyRange.start, guard: guardOf(r) }));
    if (this.flagLocals.size > 0) {
      const walk = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && !isPropertyName(node)) for (const guard of this.flagLocals.get(node.text) ?? []) found.push({ at: node.getStart(this.sourceFile), guard });
        ts.forEachChild(node, walk);
      };
      walk(condition);
    }
    return settledFlags(condition, found, this.sourceFile);
  }

  private match(node: ts.Node): Match | undefined {
    if (ts.isCallExpression(node)) return this.matchCall(node) ?? this.flagsObjects.matchListCall(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.matchMember(node) ?? this.flagsObjects.matchAccess(node);
    if (ts.isJsxElement(node)) return this.matchJsx(node.openingElement, node);
    if (ts.isJsxSelfClosingElement(node)) return this.matchJsx(node, node);
    if (ts.isObjectLiteralExpression(node) && this.hocs.length > 0) return this.matchHocObject(node);
    return undefined;
  }

  private matchCall(call: ts.CallExpression): Match | undefined {
    const callee = call.expression;
    // useCheckFeatureFlag()(X) and check(X) where check = useCheckFeatureFlag()
    if (ts.isCallExpression(callee)) {
      const inner = this.callMatcherFor(callee);
      if (inner?.config.returnsChecker) return this.callMatch(call, inner, "checker-call");
    }
    if (ts.isIdentifier(callee) && this.checkerNames.has(callee.text)) {
      const matcher = this.checkerNames.get(callee.text)!;
      const local = this.evaluator.lookupLocal(callee);
      if (local.kind === "declaration" && ts.isVariableDeclaration(local.node) && local.node.initializer && ts.isCallExpression(local.node.initializer)) {
        return this.callMatch(call, matcher, "checker-call");
      }
    }
    const matcher = this.callMatcherFor(call);
    if (!matcher) return undefined;
    // A checker hook called with the key itself (`useCheckFeatureFlag("x")`, as query hooks are) checks it too.
    if (matcher.config.returnsChecker && call.arguments.length === 0) return undefined;
    return this.callMatch(call, matcher, "call");
  }

  private callMatch(call: ts.CallExpression, matcher: CallMatcher, kind: ReferenceKind): Match | undefined {
    let key = call.arguments[matcher.arg];
    if (!key || ts.isSpreadElement(key)) return undefined;
    // `useConditionalFeature({ feature: featureX })`: go into object literals as far as the path says, so
    // the reference points at `featureX`; what is left is read off its value.
    let keyPath = (matcher.config as LearnedAccessorConfig).argPath;
    while (keyPath && keyPath.length > 0) {
      const object = skipOuter(key);
      if (!ts.isObjectLiteralExpression(object)) break;
      const property = object.properties.find((p) => propertyNameOf(p) === keyPath![0]);
      const value = property && attributeOrPropertyValue(property);
      if (!value) return undefined;
      key = value;
      keyPath = keyPath.slice(1);
    }
    let check: ts.Node = call;
    const property = matcher.config.property;
    let valueKind = callValueKind(call, matcher.config);
    if (property && ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call) {
      // `useFeature("k").on` is the state; `useFeature("k").value` is a value read off the same result.
      if (call.parent.name.text === property) check = call.parent;
      else valueKind = "value";
    }
    const match: Match = { kind, accessor: matcher.config.call, key, check, keyPattern: matcher.keyPattern, negated: matcher.config.negated, valueKind };
    if (keyPath && keyPath.length > 0) match.keyPath = keyPath;
    if ((matcher.config as LearnedAccessorConfig).opaque === true) match.opaque = true;
    return match;
  }

  /** The accessor a call's callee names, honouring aliases and dotted receivers. */
  private callMatcherFor(call: ts.CallExpression): CallMatcher | undefined {
    const callee = skipOuter(call.expression);
    let name: string;
    let receiver: ts.Expression | undefined;
    if (ts.isIdentifier(callee)) {
      name = this.callAliases.get(callee.text) ?? callee.text;
    } else if (ts.isPropertyAccessExpression(callee)) {
      name = callee.name.text;
      receiver = callee.expression;
    } else {
      return undefined;
    }
    const matchers = this.accessors.calls.get(name);
    if (!matchers) return undefined;
    const receiverPath = receiver ? expressionPath(receiver) : [];
    const candidates = matchers.filter((m) => m.receiver.length === 0 || endsWith(receiverPath, m.receiver));
    if (candidates.length <= 1) return candidates[0];
    // `getFeatureFlag({ featureFlagKey: "k", posthogUserId })`: an in-house function named after the SDK's
    // entry point, learned with the path to its key. An object literal holding that property is the
    // wrapper's call; anything else is the SDK's.
    const byPath = candidates.find((m) => argPathFits(call, m));
    return byPath ?? candidates.find((m) => (m.config as LearnedAccessorConfig).argPath === undefined) ?? candidates[0];
  }

  private matchMember(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): Match | undefined {
    if (this.accessors.members.length === 0) return undefined;
    const objectPath = expressionPath(node.expression);
    if (objectPath.length === 0) return undefined;
    const matcher = this.accessors.members.find((m) => endsWith(objectPath, m.path));
    if (!matcher) return undefined;
    // `flags.ff_x(...)` calls a method, it does not read a flag.
    if (ts.isCallExpression(node.parent) && node.parent.expression === node) return undefined;
    // `config.featureToggles.ff_x = true` (a test's override) sets the flag, as for flags objects.
    if (isAssignmentTarget(node)) return undefined;
    if (ts.isPropertyAccessExpression(node)) {
      return { kind: "member", accessor: matcher.config.member, key: node.name, literalKey: node.name.text, check: node, keyPattern: matcher.keyPattern };
    }
    return { kind: "member", accessor: matcher.config.member, key: node.argumentExpression, check: node, keyPattern: matcher.keyPattern };
  }

  private matchJsx(opening: ts.JsxOpeningElement | ts.JsxSelfClosingElement, element: ts.JsxElement | ts.JsxSelfClosingElement): Match | undefined {
    if (this.hasJsxGates) {
      const jsx = this.accessors.jsx.get(opening.tagName.getText(this.sourceFile));
      if (jsx) return this.jsxGateMatch(opening, element, jsx);
    }
    for (const [name, hoc] of this.hocs) {
      const match = this.hocMatch(opening.attributes.properties, element, name, hoc);
      if (match) return match;
    }
    return undefined;
  }

  private jsxGateMatch(opening: ts.JsxOpeningElement | ts.JsxSelfClosingElement, element: ts.Node, jsx: JsxMatcher): Match | undefined {
    const key = jsxAttributeValue(opening, jsx.prop);
    if (!key) return undefined;
    return { kind: "jsx", accessor: jsx.config.jsx, key, check: element, keyPattern: jsx.keyPattern, guardsChildren: true, valueKind: jsx.config.returns ?? "boolean" };
  }

  private hocMatch(
    properties: ts.NodeArray<ts.JsxAttributeLike> | ts.NodeArray<ts.ObjectLiteralElementLike>,
    element: ts.Node,
    name: string,
    hoc: HocMatcher,
  ): Match | undefined {
    // Find the cheap part first: most elements and objects have no `featureSlug`, and only those that do
    // are worth walking for the HOC call.
    const keyProperty = properties.find((property) => propertyNameOf(property) === hoc.prop);
    const key = keyProperty && attributeOrPropertyValue(keyProperty);
    if (!key) return undefined;
    const wrapsComponent = properties.some((property) => {
      if (property === keyProperty) return false;
      const value = attributeOrPropertyValue(property);
      return value !== undefined && containsCallTo(value, name);
    });
    if (!wrapsComponent) return undefined;
    return { kind: "hoc", accessor: name, key, check: element, keyPattern: hoc.keyPattern };
  }

  private matchHocObject(node: ts.ObjectLiteralExpression): Match | undefined {
    for (const [name, hoc] of this.hocs) {
      const match = this.hocMatch(node.properties, node, name, hoc);
      if (match) return match;
    }
    return undefined;
  }

  private record(match: Match, guards: GuardInfo[]): FlagReference | undefined {
    // `flags[isNew ? "taxes" : "taxBanner"]` reads one of two flags: each is checked here.
    const choice = match.literalKey === undefined ? conditionalKey(match.key) : undefined;
    if (choice && choice.every((branch) => this.evaluator.evaluateString(branch, this.module) !== undefined)) {
      let first: FlagReference | undefined;
      for (const branch of choice) {
        const reference = this.record({ ...match, key: branch }, guards);
        first ??= reference;
      }
      return first;
    }
    // `items.map((item) => isOn(item.flag))` over a constant array: a check of each element's flag.
    if (match.literalKey === undefined && !match.keyPath && this.evaluator.evaluateString(match.key as ts.Expression, this.module) === undefined) {
      const values = keyValues(match.key as ts.Expression, this.evaluator, this.module);
      if (values) {
        const shared = !readsListElement(match.key as ts.Expression);
        let first: FlagReference | undefined;
        for (const value of values) {
          const reference = this.record({ ...match, literalKey: value }, guards);
          if (reference && shared) reference.sharedCheck = true;
          first ??= reference;
        }
        return first;
      }
    }
    const keyNode = match.key;
    let flag =
      match.literalKey ??
      (match.keyPath
        ? this.evaluator.evaluateStringAt(keyNode as ts.Expression, match.keyPath, this.module)
        : this.evaluator.evaluateString(keyNode as ts.Expression, this.module));
    if (flag === undefined && this.learnWrapper(match)) return undefined;
    if (flag === undefined && match.staticOnly) return undefined;
    if (match.keyPattern) {
      // A generic settings accessor: keys that are not flags (or cannot be known) are not our business.
      if (flag === undefined || !match.keyPattern.test(flag)) return undefined;
    }
    const start = keyNode.getStart(this.sourceFile);
    const end = keyNode.getEnd();
    const startPosition = this.sourceFile.getLineAndCharacterOfPosition(start);
    const endPosition = this.sourceFile.getLineAndCharacterOfPosition(end);
    if (flag === "") flag = undefined;
    const reference: FlagReference = {
      flag,
      file: this.relativePath,
      line: startPosition.line + 1,
      column: startPosition.character + 1,
      endLine: endPosition.line + 1,
      endColumn: endPosition.character + 1,
      kind: match.kind,
      accessor: match.accessor,
      keyText: keyNode.getText(this.sourceFile),
      keyRange: { start, end },
      checkRange: { start: match.check.getStart(this.sourceFile), end: match.check.getEnd() },
      guards: uniqueGuards(guards.filter((guard) => guard.flag !== flag)),
      language: "typescript",
    };
    if (match.negated) reference.negated = true;
    if (match.valueKind === "value") reference.returns = "value";
    if (match.keyTransform) reference.keyTransform = match.keyTransform;
    if (match.opaque) reference.opaque = true;
    this.references.push(reference);
    return reference;
  }

  /**
   * `function useFlag(name) { return isFeatureEnabled(name); }`: the key is a parameter of a named
   * function, so the function is itself an accessor; its callers hold the real keys.
   */
  private learnWrapper(match: Match): boolean {
    const component = learnComponent(match.key, match.check);
    if (component) {
      if (match.keyPattern) component.keyPattern = match.keyPattern.source;
      if (match.valueKind === "value") component.returns = "value";
      (component as LearnedAccessorConfig).wraps = match.accessor;
      if (!this.accessors.jsx.has(component.jsx)) this.learned.push(component);
      return true;
    }
    // `getThemeFeature(feature as ThemeFeature)` passes the parameter on just the same.
    const key = skipOuter(match.key as ts.Expression);
    // `config.featureToggles[name]` in `function isFeatureEnabled(name)` reads the flag its callers name,
    // as a call would. (A property name, `.ff_x`, is no parameter even when one shares its name.)
    const memberRead = match.kind === "member" && ts.isElementAccessExpression(match.check);
    if (match.kind !== "call" && !memberRead) return false;
    if (!ts.isIdentifier(key)) return memberRead ? false : this.learnPathWrapper(match, key);
    const lookup = this.evaluator.lookupLocal(key);
    if (lookup.kind !== "dynamic") return false;
    const fn = enclosingFunctionWithParameter(key, key.text);
    if (!fn) return memberRead ? false : this.learnPathWrapper(match, key);
    const name = functionName(fn.node) ?? this.defaultExportName(fn.node);
    if (!name) return isHandedOutImplementation(fn.node);
    // The accessor's own implementation (`function isFeatureEnabled(key) { return client.isOn(key) }`).
    if (this.accessors.calls.has(name)) return true;
    const learned: LearnedAccessorConfig = { call: name, arg: fn.index, wraps: match.accessor };
    // `return Boolean(config.featureToggles[name]) || fromQuery`: its callers get more than the flag's
    // value, so the cleanup cannot put the value in their place.
    if (memberRead && !returnsCheck(fn.node, match.check)) learned.opaque = true;
    if (match.negated) learned.negated = true;
    // The wrapper answers what the accessor it wraps answers: only keys of its pattern are flags
    // (`useSettingValue("layout")` around a `^feature_` accessor is not one), and of the same kind.
    if (match.keyPattern) learned.keyPattern = match.keyPattern.source;
    if (match.valueKind === "value") learned.returns = "value";
    this.learned.push(learned);
    return true;
  }

  /**
   * `const useConditionalFeature = ({ feature }) => gb.getFeatureValue(feature.id, ...)` and
   * `(flag) => isOn(flag.key)`: the key is read off a parameter, so callers pass an object holding it
   * (an object literal, or a flag definition object). Learned with the path to read at each call.
   */
  private learnPathWrapper(match: Match, key: ts.Expression): boolean {
    const found = parameterPath(key);
    if (!found) return false;
    const path = [...found.path, ...(match.keyPath ?? [])];
    if (path.length === 0) return false;
    const name = functionName(found.fn) ?? this.defaultExportName(found.fn);
    if (!name) return isHandedOutImplementation(found.fn);
    // Only a name already read through a path is this function itself; the SDK's entry point of the same
    // name takes the key as it is (`getFeatureFlag(key, id)` against the app's `getFeatureFlag({ featureFlagKey })`).
    if (this.accessors.calls.get(name)?.some((m) => (m.config as LearnedAccessorConfig).argPath !== undefined) ?? false) return true;
    const learned: LearnedAccessorConfig = { call: name, arg: found.index, argPath: path, wraps: match.accessor };
    // `({ feature }) => ({ value: gb.getFeatureValue(feature.id), isLoading })`: its callers get more than
    // the flag's value, so the cleanup cannot put the value in their place.
    if (match.opaque || !returnsCheck(found.fn, match.check)) learned.opaque = true;
    if (match.negated) learned.negated = true;
    if (match.keyPattern) learned.keyPattern = match.keyPattern.source;
    if (match.valueKind === "value") learned.returns = "value";
    this.learned.push(learned);
    return true;
  }

  /**
   * `export default async (featureFlag) => posthog.isFeatureEnabled(featureFlag)` in
   * `ensureFlagUpdated.ts`: importers name it as they like, and by convention after the file.
   */
  private defaultExportName(fn: ts.SignatureDeclaration): string | undefined {
    const isDefault =
      ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isExportAssignment(fn.parent) && !fn.parent.isExportEquals) ||
      (ts.isFunctionDeclaration(fn) && !fn.name && (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false));
    if (!isDefault) return undefined;
    const name = moduleBaseName(this.module.path);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
  }

  /** `export { isFeatureEnabled as isOn } from "./flags"` and `export const isOn = isFeatureEnabled`. */
  private learnReexports(): void {
    for (const [exported, binding] of this.module.exports) {
      if (exported === "default") {
        // Imported under any name: the files that import this one mention its file name instead.
        const local = binding.kind === "local" ? binding.local : undefined;
        if (local && this.accessors.calls.has(local) && this.module.declarations.has(local)) this.learnedNeedles.push(moduleBaseName(this.module.path));
        continue;
      }
      const original = binding.kind === "reexport" ? binding.imported : binding.local;
      const resolvedOriginal = this.callAliases.get(original) ?? original;
      if (exported !== resolvedOriginal && this.accessors.calls.has(resolvedOriginal)) {
        const base = this.accessors.calls.get(resolvedOriginal)![0]!.config;
        this.learned.push({ ...base, call: exported, wraps: base.call });
      }
    }
    for (const [name, declaration] of this.module.declarations) {
      if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.initializer)) continue;
      const original = this.callAliases.get(declaration.initializer.text) ?? declaration.initializer.text;
      if (name !== original && this.accessors.calls.has(original) && this.module.exports.has(name)) {
        this.learned.push({ ...this.accessors.calls.get(original)![0]!.config, call: name, wraps: original });
      }
    }
  }

  private noteChecker(declaration: ts.VariableDeclaration): void {
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !ts.isCallExpression(declaration.initializer)) return;
    const matcher = this.callMatcherFor(declaration.initializer);
    if (!matcher?.config.returnsChecker) return;
    if (!this.checkerNames.has(declaration.name.text)) this.notePositionsOf(declaration.name.text);
    this.checkerNames.set(declaration.name.text, matcher);
  }
}

/**
 * `value` unless the accessor reads booleans; a `true`/`false` default makes a value accessor's check a
 * boolean one (`client.variation("k", ctx, false)`, `useFlag("k", false)`).
 */
function callValueKind(call: ts.CallExpression, config: CallAccessorConfig): "boolean" | "value" {
  if (config.returns !== "value") return "boolean";
  const at = config.defaultArg === undefined ? undefined : config.defaultArg < 0 ? call.arguments.length + config.defaultArg : config.defaultArg;
  const fallback = at === undefined || at < 0 ? undefined : call.arguments[at];
  if (fallback && (fallback.kind === ts.SyntaxKind.TrueKeyword || fallback.kind === ts.SyntaxKind.FalseKeyword)) return "boolean";
  return "value";
}

/** Whether a function's result is the check itself: `=> check`, or a top-level `return check` (type assertions aside). */
function returnsCheck(fn: ts.SignatureDeclaration, check: ts.Node): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  const isCheck = (expression: ts.Expression | undefined): boolean => {
    let current = expression;
    for (;;) {
      if (current && (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isAwaitExpression(current) || ts.isNonNullExpression(current))) current = current.expression;
      // The check's own on/off, made a boolean: `Boolean(check)`, `!!check`, `check ?? false`, `check || false`.
      else if (current && ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === "Boolean" && current.arguments.length === 1) current = current.arguments[0];
      else if (current && ts.isPrefixUnaryExpression(current) && current.operator === ts.SyntaxKind.ExclamationToken && ts.isPrefixUnaryExpression(current.operand) && current.operand.operator === ts.SyntaxKind.ExclamationToken) current = current.operand.operand;
      else if (
        current &&
        ts.isBinaryExpression(current) &&
        (current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || current.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
        current.right.kind === ts.SyntaxKind.FalseKeyword
      )
        current = current.left;
      else return current === check;
    }
  };
  if (!ts.isBlock(body)) return isCheck(body as ts.Expression);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (node !== body && ts.isFunctionLike(node))) return;
    if (ts.isReturnStatement(node) && isCheck(node.expression)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

function conditionalKey(key: ts.Node): [ts.Expression, ts.Expression] | undefined {
  let inner = key;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isConditionalExpression(inner) ? [inner.whenTrue, inner.whenFalse] : undefined;
}

/** The flags a condition tests, by when their state is settled (see `settledFlags`). */
interface ConditionGuards {
  whenTrue: GuardInfo[];
  whenFalse: GuardInfo[];
  all: GuardInfo[];
}

/**
 * Which flags of a condition have a known state when it is true, and when it is false: code reached
 * only then is nested in them, because retiring such a flag removes or keeps that code. `a && x` true
 * means `a` is on; false says nothing of `a` (`x` may be false), so `if (a && x) return;` does not guard
 * what follows, and `if (a && x) {} else {...}` does not guard the else. `||` the other way round, `!`
 * swaps. Any other expression holding a flag (a comparison, a call) settles it both ways, as before.
 */
function settledFlags(condition: ts.Expression, found: ReadonlyArray<{ at: number; guard: GuardInfo }>, sourceFile: ts.SourceFile): ConditionGuards {
  const within = (node: ts.Node): GuardInfo[] => {
    const start = node.getStart(sourceFile);
    return found.filter(({ at }) => at >= start && at < node.end).map(({ guard }) => guard);
  };
  const both = (node: ts.Node): Omit<ConditionGuards, "all"> => {
    const guards = within(node);
    return { whenTrue: guards, whenFalse: guards };
  };
  const common = (a: GuardInfo[], b: GuardInfo[]): GuardInfo[] => a.filter((guard) => b.some((other) => other.flag === guard.flag));
  const settle = (node: ts.Expression): Omit<ConditionGuards, "all"> => {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      return settle(node.expression);
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = settle(node.operand);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      const [left, right] = [settle(node.left), settle(node.right)];
      return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: common(left.whenFalse, right.whenFalse) };
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      const [left, right] = [settle(node.left), settle(node.right)];
      return { whenTrue: common(left.whenTrue, right.whenTrue), whenFalse: [...left.whenFalse, ...right.whenFalse] };
    }
    return both(node);
  };
  return { ...settle(condition), all: found.map(({ guard }) => guard) };
}

function guardOf(reference: FlagReference): GuardInfo {
  return { flag: reference.flag!, line: reference.line, column: reference.column };
}

function addGuards(guards: GuardInfo[], added: GuardInfo[]): GuardInfo[] {
  return added.length === 0 ? guards : [...guards, ...added];
}

function uniqueGuards(guards: GuardInfo[]): GuardInfo[] {
  const seen = new Set<string>();
  return guards.filter((guard) => !seen.has(guard.flag) && seen.add(guard.flag));
}

function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

/** Whether a statement always leaves the enclosing block (so an `if` around it guards what follows). */
function alwaysExits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isContinueStatement(statement) || ts.isBreakStatement(statement)) {
    return true;
  }
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && alwaysExits(last);
  }
  return false;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier);
}


/** `this.config.featureToggles` -> ["this", "config", "featureToggles"]; [] for anything computed. */
function expressionPath(expression: ts.Expression): string[] {
  const current = skipOuter(expression);
  if (ts.isIdentifier(current)) return [current.text];
  if (current.kind === ts.SyntaxKind.ThisKeyword) return ["this"];
  if (ts.isPropertyAccessExpression(current)) {
    const head = expressionPath(current.expression);
    return head.length === 0 ? [] : [...head, current.name.text];
  }
  if (ts.isCallExpression(current)) {
    // `useFlags().featureToggles`: the call's name stands for its result.
    const head = expressionPath(current.expression);
    return head.length === 0 ? [] : [...head.slice(0, -1), `${head[head.length - 1]}()`];
  }
  return [];
}

/** Whether a call passes, at a path-learned accessor's argument, an object literal with the path's first property. */
function argPathFits(call: ts.CallExpression, matcher: CallMatcher): boolean {
  const argPath = (matcher.config as LearnedAccessorConfig).argPath;
  const argument = call.arguments[matcher.arg];
  if (!argPath || argPath.length === 0 || !argument || ts.isSpreadElement(argument)) return false;
  const object = skipOuter(argument);
  return ts.isObjectLiteralExpression(object) && object.properties.some((p) => propertyNameOf(p) === argPath[0]);
}

function endsWith(path: string[], suffix: string[]): boolean {
  if (suffix.length > path.length) return false;
  return suffix.every((segment, i) => path[path.length - suffix.length + i] === segment);
}

function jsxAttributeValue(opening: ts.JsxOpeningElement | ts.JsxSelfClosingElement, name: string): ts.Expression | undefined {
  for (const attribute of opening.attributes.properties) {
    if (ts.isJsxAttribute(attribute) && attribute.name.getText() === name) return attributeOrPropertyValue(attribute);
  }
  return undefined;
}

function attributeOrPropertyValue(property: ts.JsxAttributeLike | ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isJsxAttribute(property)) {
    const initializer = property.initializer;
    if (!initializer) return undefined;
    if (ts.isStringLiteral(initializer)) return initializer;
    if (ts.isJsxExpression(initializer)) return initializer.expression;
    return undefined;
  }
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

function propertyNameOf(property: ts.JsxAttributeLike | ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return undefined;
  return undefined;
}

function containsCallTo(node: ts.Node, name: string): boolean {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if ((ts.isIdentifier(callee) && callee.text === name) || (ts.isPropertyAccessExpression(callee) && callee.name.text === name)) return true;
  }
  return ts.forEachChild(node, (child) => containsCallTo(child, name) || undefined) ?? false;
}

function enclosingFunctionWithParameter(node: ts.Node, name: string): { node: ts.SignatureDeclaration; index: number } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const index = current.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (index !== -1) return { node: current, index };
    }
  }
  return undefined;
}

/**
 * The name callers use: a function declaration's, or the variable an arrow/function expression is
 * assigned to. Methods are not learned: their names (`get`, `check`) are called on every kind of object,
 * and without types the wrapper's calls cannot be told from the others.
 */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    return fn.parent.name.text;
  }
  return undefined;
}

/** `src/flags/isFeatureEnabled.ts` -> `isFeatureEnabled`; `src/flags/index.ts` -> `flags`. */
function moduleBaseName(file: string): string {
  const parts = file.split(/[\\/]/);
  const base = parts[parts.length - 1]!.replace(/\.[cm]?[jt]sx?$/, "").replace(/\.d$/, "");
  return base === "index" ? (parts[parts.length - 2] ?? base) : base;
}
