import ts from "../typescript-api.cjs";
import type { FlagsObjectAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import type { CompiledAccessors, FlagsObjectMatcher } from "./accessors.js";
import { TemplateScope } from "./template-scope.js";

/** One flag read out of an object (or list) of flags: what `ReferenceFinder.record` needs. */
export interface FlagsObjectMatch {
  kind: "flags-object";
  accessor: string;
  /** The key: a property name, a binding's name, or an expression to evaluate. */
  key: ts.Expression | ts.Identifier | ts.StringLiteral;
  /** For `flags.newCheckout` and `{ newCheckout }`, the key is a name, not an expression. */
  literalKey?: string;
  /** What the cleanup replaces: the member access, the binding element, the `.includes(...)` call. */
  check: ts.Node;
  keyPattern: RegExp | undefined;
  valueKind: "boolean" | "value";
  keyTransform?: "camelCase";
  /**
   * Read off a flags object a caller handed on: reported only when the key resolves, since the function
   * may be a generic helper (`Object.keys(o).map((k) => o[k])`) that reads any object it is given.
   */
  staticOnly?: boolean;
  /** A read the cleanup leaves: of an app store filled from flags, or one check standing for several flags. */
  opaque?: boolean;
}

const LIST_PREDICATES = new Set(["find", "some", "filter", "findIndex", "findLast"]);

/**
 * Follows objects keyed by flag through one file: `const flags = useFlags()`, `const { a, b: c = false,
 * ...rest } = useFlags()`, `useFlags()["new-checkout"]`, `props.flags.x` in components a HOC such as
 * `withLDConsumer()` wraps, and lists of flags that are on (`useActiveFeatureFlags()?.includes("k")`).
 * Locals are tracked by their declaring identifier, so another `flags` in another scope is not one.
 */
export class FlagsObjectTracker {
  /** Declared identifiers bound to a flags object, with the accessor it came from. */
  private readonly locals = new Map<ts.Identifier, FlagsObjectMatcher>();
  /** Declared identifiers bound to the props of a component a flags HOC wraps. */
  private readonly propsHolders = new Map<ts.Identifier, FlagsObjectMatcher>();
  /** Function and class components a flags HOC wraps. */
  private readonly components = new Map<ts.Node, FlagsObjectMatcher>();
  private readonly localNames = new Set<string>();
  private readonly holderNames = new Set<string>();
  readonly enabled: boolean;
  /** What a Vue template's names stand for beyond the script's top level (`setup()`'s return). */
  private readonly templateScope: TemplateScope;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly accessors: CompiledAccessors,
    /** Called with each local name that now stands for a flags object, so the walk visits its uses. */
    private readonly noteName: (name: string) => void,
    /** The file's path relative to the root (`/`-separated): learned receivers declared here are followed. */
    private readonly relativePath = "",
  ) {
    const text = sourceFile.text;
    this.templateScope = new TemplateScope(sourceFile);
    this.enabled = [...accessors.flagsObjects.keys(), ...accessors.flagsReceivers.keys()].some((name) => text.includes(name));
    if (this.enabled) {
      // Names a Vue template gets from `setup()`/`data()` may stand for a flags object: worth a look where read.
      for (const name of this.templateScope.names()) {
        this.localNames.add(name);
        this.noteName(name);
      }
    }
    if (this.enabled && [...accessors.flagsObjects.values()].some((ms) => ms.some((m) => m.config.prop !== undefined && text.includes(m.name)))) {
      this.findWrappedComponents();
    }
    if (this.enabled) this.bindReceivers();
  }

  /** The flags object `expression` is, if it is one (`flags`, `useFlags()`, `props.flags`): for props passed on. */
  flagsObjectOf(expression: ts.Expression): FlagsObjectMatcher | undefined {
    return this.enabled ? this.objectOf(expression) : undefined;
  }

  /** Reads found before the walk: a wrapped component's `({ flags: { a } })`. */
  readonly pending: FlagsObjectMatch[] = [];

  /** `const { a } = useFlags()`, `const flags = useFlags()`, `const { flags } = this.props`. */
  declare(node: ts.VariableDeclaration): FlagsObjectMatch[] {
    if (!this.enabled || !node.initializer) return [];
    const initializer = skipOuter(node.initializer);
    const matcher = this.objectOf(initializer);
    if (matcher) return this.bindObject(node.name, matcher);
    const holder = this.propsOf(initializer);
    return holder ? this.bindProps(node.name, holder) : [];
  }

  /** `flags.newCheckout`, `flags?.["new-checkout"]`, `useFlags().x`, `props.flags.x`. */
  matchAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): FlagsObjectMatch | undefined {
    if (!this.enabled) return undefined;
    const matcher = this.objectOf(node.expression);
    if (!matcher || matcher.config.list) return undefined;
    // `flags.hasOwnProperty(...)` calls a method, it does not read a flag.
    if (ts.isCallExpression(node.parent) && node.parent.expression === node) return undefined;
    if (isAssignmentTarget(node)) return undefined;
    if (ts.isPropertyAccessExpression(node)) {
      if (ts.isPrivateIdentifier(node.name)) return undefined;
      return this.match(matcher, node.name, node, node.name.text);
    }
    return this.match(matcher, node.argumentExpression, node);
  }

  /** `active.includes("k")` and `toggles.find((t) => t.name === "k")` on a list of flags. */
  matchListCall(call: ts.CallExpression): FlagsObjectMatch | undefined {
    if (!this.enabled) return undefined;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const matcher = this.objectOf(callee.expression);
    if (!matcher?.config.list) return undefined;
    const method = callee.name.text;
    const first = call.arguments[0];
    if (!first) return undefined;
    // A `Set` of the flags that are on (`new Set(flags)`) answers `.has("k")`.
    if (method === "includes" || method === "has") return this.match(matcher, first, call);
    if (!LIST_PREDICATES.has(method) || !(ts.isArrowFunction(first) || ts.isFunctionExpression(first))) return undefined;
    const key = predicateKey(first);
    if (!key) return undefined;
    // `toggles.find((t) => t.name === "k")?.enabled` is the flag's state; the item alone is a value.
    const parent = call.parent;
    if (method === "find" && ts.isPropertyAccessExpression(parent) && parent.expression === call && parent.name.text === "enabled") {
      const state = this.match(matcher, key, parent);
      return state && { ...state, valueKind: "boolean" };
    }
    const match = this.match(matcher, key, call);
    return method === "find" && match ? { ...match, valueKind: "value" } : match;
  }

  private match(matcher: FlagsObjectMatcher, key: ts.Expression | ts.Identifier, check: ts.Node, literalKey?: string): FlagsObjectMatch | undefined {
    const keyMap = matcher.config.keyMap;
    if (keyMap !== undefined) {
      // An app store: only the properties it fills from flags are flags (`store.$patch`, getters are not).
      const name = literalKey ?? (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) ? key.text : undefined);
      if (name === undefined || !Object.hasOwn(keyMap, name)) return undefined;
      literalKey = keyMap[name];
    }
    const match: FlagsObjectMatch = {
      kind: "flags-object",
      // A flags object passed on, or a learned HOC, is still the SDK's object: reads name the SDK's accessor.
      accessor: (matcher.config as LearnedAccessorConfig).wraps ?? matcher.config.flagsObject,
      key,
      check,
      keyPattern: matcher.keyPattern,
      valueKind: matcher.config.returns ?? "boolean",
    };
    if (literalKey !== undefined) match.literalKey = literalKey;
    // The store and its readers change together, and the cleanup cannot see the store's side.
    if (keyMap !== undefined) match.opaque = true;
    if (matcher.config.keyTransform) match.keyTransform = matcher.config.keyTransform;
    if ((matcher.config as LearnedAccessorConfig).receives === true) match.staticOnly = true;
    return match;
  }

  /** A name or pattern that receives a flags object. */
  private bindObject(name: ts.BindingName, matcher: FlagsObjectMatcher): FlagsObjectMatch[] {
    if (ts.isIdentifier(name)) {
      this.addLocal(name, matcher);
      return [];
    }
    if (ts.isArrayBindingPattern(name)) return [];
    const matches: FlagsObjectMatch[] = [];
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        // `...rest` holds the flags not named before it: still an object of flags.
        if (ts.isIdentifier(element.name)) this.addLocal(element.name, matcher);
        continue;
      }
      const property = element.propertyName ?? element.name;
      const match =
        ts.isIdentifier(property) || ts.isStringLiteral(property)
          ? this.match(matcher, property, element, property.text)
          : ts.isComputedPropertyName(property)
            ? this.match(matcher, property.expression, element)
            : undefined;
      if (match) matches.push(match);
    }
    return matches;
  }

  /** The props of a wrapped component: `props` itself, or `{ flags }` / `{ flags: { a } }` out of them. */
  private bindProps(name: ts.BindingName, matcher: FlagsObjectMatcher): FlagsObjectMatch[] {
    if (ts.isIdentifier(name)) {
      this.propsHolders.set(name, matcher);
      this.holderNames.add(name.text);
      this.noteName(name.text);
      return [];
    }
    if (ts.isArrayBindingPattern(name)) return [];
    const element = name.elements.find((e) => !e.dotDotDotToken && propertyText(e.propertyName ?? e.name) === holderProperty(matcher));
    if (!element) return [];
    const deeper = this.deeper(matcher);
    return deeper ? this.bindProps(element.name, deeper) : this.bindObject(element.name, matcher);
  }

  private readonly deeperHolders = new Map<FlagsObjectMatcher, FlagsObjectMatcher | undefined>();

  /**
   * What a holder's first property holds when its `property` is a path (`config.featureFlags`: `useApp()`
   * holds `config`, which holds the flags): a holder of the rest of the path; undefined at the last step.
   */
  private deeper(matcher: FlagsObjectMatcher): FlagsObjectMatcher | undefined {
    if (!this.deeperHolders.has(matcher)) {
      const rest = matcher.config.property?.split(".").slice(1) ?? [];
      this.deeperHolders.set(matcher, rest.length === 0 ? undefined : { ...matcher, config: { ...matcher.config, property: rest.join(".") } });
    }
    return this.deeperHolders.get(matcher);
  }

  private addLocal(name: ts.Identifier, matcher: FlagsObjectMatcher): void {
    this.locals.set(name, matcher);
    this.localNames.add(name.text);
    this.noteName(name.text);
  }

  /** The accessor whose flags object `expression` is, if it is one. */
  private objectOf(expression: ts.Expression): FlagsObjectMatcher | undefined {
    const inner = skipOuter(expression);
    if (ts.isCallExpression(inner)) return this.callMatcher(inner);
    if (ts.isIdentifier(inner)) {
      // Most identifiers are not a flags local by any name: skip the scope walk for them.
      if (!this.localNames.has(inner.text)) return undefined;
      const declared = declaredIdentifier(inner);
      if (declared) return this.locals.get(declared);
      // A template name `setup()` or `data()` returns: what it returns (in the script, so this ends).
      const value = this.templateScope.valueOf(inner);
      return value ? this.objectOf(value) : undefined;
    }
    if (ts.isPropertyAccessExpression(inner)) {
      const holder = this.propsOf(inner.expression);
      return holder && inner.name.text === holderProperty(holder) && !this.deeper(holder) ? holder : undefined;
    }
    // `new Set(flags)` of a list of flags is that list, asked with `.has("k")`.
    if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === "Set" && inner.arguments?.length === 1) {
      const list = this.objectOf(inner.arguments[0]!);
      return list?.config.list ? list : undefined;
    }
    return undefined;
  }

  /** `props` of a wrapped function component, or `this.props` in a wrapped class. */
  private propsOf(expression: ts.Expression): FlagsObjectMatcher | undefined {
    const inner = skipOuter(expression);
    if (ts.isCallExpression(inner)) return this.holderCallMatcher(inner);
    if (ts.isIdentifier(inner)) {
      if (!this.holderNames.has(inner.text)) return undefined;
      const declared = declaredIdentifier(inner);
      return declared ? this.propsHolders.get(declared) : undefined;
    }
    if (ts.isPropertyAccessExpression(inner) && inner.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      // `useApp().config` of a holder of `config.featureFlags`: a holder of `featureFlags`.
      const outer = this.propsOf(inner.expression);
      return outer && inner.name.text === holderProperty(outer) ? this.deeper(outer) : undefined;
    }
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === "props" && inner.expression.kind === ts.SyntaxKind.ThisKeyword) {
      for (let current: ts.Node = inner; current; current = current.parent) {
        if (ts.isClassLike(current)) return this.components.get(current);
      }
    }
    return undefined;
  }

  /** The call's flags-object matcher that returns the object itself: no HOC, callback or property holder. */
  private callMatcher(call: ts.CallExpression): FlagsObjectMatcher | undefined {
    return this.calledMatcher(call, (m) => m.config.prop === undefined && m.config.property === undefined && m.config.parameter === undefined);
  }

  /** A call returning the flags object under a property (`useFeatureFlags()` of `{ featureFlags }`). */
  private holderCallMatcher(call: ts.CallExpression): FlagsObjectMatcher | undefined {
    return this.calledMatcher(call, (m) => m.config.property !== undefined && m.config.prop === undefined && m.config.parameter === undefined);
  }

  /** The first flags-object matcher of the call's name that `accepts`, with its receiver, if it needs one. */
  private calledMatcher(call: ts.CallExpression, accepts: (matcher: FlagsObjectMatcher) => boolean): FlagsObjectMatcher | undefined {
    const callee = skipOuter(call.expression);
    const name = calleeName(call);
    const matchers = name === undefined ? undefined : this.accessors.flagsObjects.get(name);
    if (!matchers) return undefined;
    const receiver = ts.isPropertyAccessExpression(callee) ? receiverPath(callee.expression) : [];
    return matchers.find((m) => accepts(m) && (m.receiver.length === 0 || endsWith(receiver, m.receiver)));
  }

  /**
   * `posthog.onFeatureFlags((flags) => …)`: the SDK passes the object to the callback, so the parameter
   * is a flags local inside it.
   */
  bindCallback(call: ts.CallExpression): FlagsObjectMatch[] {
    if (!this.enabled) return [];
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const matchers = name === undefined ? undefined : this.accessors.flagsObjects.get(name);
    if (!matchers) return [];
    const receiver = ts.isPropertyAccessExpression(callee) ? receiverPath(callee.expression) : [];
    const callback = call.arguments.find((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) as ts.ArrowFunction | ts.FunctionExpression | undefined;
    if (!callback) return [];
    const reads: FlagsObjectMatch[] = [];
    for (const matcher of matchers) {
      if (matcher.config.parameter === undefined || !(matcher.receiver.length === 0 || endsWith(receiver, matcher.receiver))) continue;
      const parameter = callback.parameters[matcher.config.parameter];
      if (parameter && !parameter.dotDotDotToken) reads.push(...this.bindObject(parameter.name, matcher));
    }
    return reads;
  }

  /** The flags object or list an expression holds (a local, a call), for learning what the app builds from it. */
  flagsMatcherOf(expression: ts.Expression): FlagsObjectMatcher | undefined {
    return this.enabled ? this.objectOf(expression) : undefined;
  }

  /** `export default withLDConsumer()(App)`, `withLDConsumer(App)`: the components named there, declared in this file. */
  private findWrappedComponents(): void {
    const wrapped = new Map<string, FlagsObjectMatcher>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const hoc = this.hocOf(node) ?? (ts.isCallExpression(node.expression) ? this.hocOf(node.expression) : undefined);
        if (hoc) for (const argument of node.arguments) if (ts.isIdentifier(argument)) wrapped.set(argument.text, hoc);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    if (wrapped.size === 0) return;
    const visitDeclarations = (node: ts.Node): void => {
      if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name && wrapped.has(node.name.text)) {
        this.components.set(node, wrapped.get(node.name.text)!);
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && wrapped.has(node.name.text)) {
        const initializer = skipOuter(node.initializer);
        if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) || ts.isClassExpression(initializer)) {
          this.components.set(initializer, wrapped.get(node.name.text)!);
        }
      }
      ts.forEachChild(node, visitDeclarations);
    };
    visitDeclarations(this.sourceFile);
    for (const [component, matcher] of this.components) {
      this.noteName(matcher.config.prop!);
      const first = ts.isFunctionLike(component) ? component.parameters[0] : undefined;
      if (first) this.pending.push(...this.bindProps(first.name, matcher));
    }
  }

  /**
   * Components and functions declared in this file that callers hand a flags object (learned receivers):
   * `function Banner({ flags })`, `const Banner = (props) => props.flags.x`, `class Banner { this.props.flags }`,
   * `function isBeta(flags)`. A receiver some caller hands something else (`mixed`) is not followed.
   */
  private bindReceivers(): void {
    if (this.accessors.flagsReceivers.size === 0) return;
    for (const statement of this.sourceFile.statements) {
      for (const [name, node] of declaredFunctions(statement)) {
        for (const matcher of this.accessors.flagsReceivers.get(name) ?? []) {
          const config = matcher.config as LearnedAccessorConfig & FlagsObjectAccessorConfig;
          if (config.mixed === true || config.module !== this.relativePath) continue;
          if (config.prop !== undefined) {
            this.components.set(node, matcher);
            this.noteName(config.prop);
            const first = ts.isFunctionLike(node) ? node.parameters[0] : undefined;
            if (first) this.pending.push(...this.bindProps(first.name, matcher));
          } else if (config.param !== undefined && ts.isFunctionLike(node)) {
            const parameter = node.parameters[config.param];
            if (parameter && !parameter.dotDotDotToken) this.pending.push(...this.bindObject(parameter.name, matcher));
          }
        }
      }
    }
  }

  private hocOf(call: ts.CallExpression): FlagsObjectMatcher | undefined {
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return name === undefined ? undefined : this.accessors.flagsObjects.get(name)?.find((m) => m.config.prop !== undefined);
  }
}

const COMPONENT_WRAPPERS = new Set(["memo", "forwardRef", "observer"]);

/** The property of a holder (a wrapped component's props, a hook's result) that holds the flags object. */
function holderProperty(matcher: FlagsObjectMatcher): string | undefined {
  return matcher.config.prop ?? matcher.config.property?.split(".")[0];
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The functions and classes a top-level statement declares, by name (`export default function X` too). */
function declaredFunctions(statement: ts.Statement): Array<[string, ts.Node]> {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [[statement.name.text, statement]];
  if (!ts.isVariableStatement(statement)) return [];
  const found: Array<[string, ts.Node]> = [];
  for (const declaration of statement.declarationList.declarations) {
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
    let initializer = skipOuter(declaration.initializer);
    // `React.memo((props) => …)`, `forwardRef(…)`, MobX `observer(…)`: the component is the function inside.
    if (ts.isCallExpression(initializer) && COMPONENT_WRAPPERS.has(calleeName(initializer) ?? "") && initializer.arguments[0]) initializer = skipOuter(initializer.arguments[0]);
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) || ts.isClassExpression(initializer)) found.push([declaration.name.text, initializer]);
  }
  return found;
}

/** `(t) => t.name === "k"`, `(name) => name === "k"`, with a block body returning the same. */
function predicateKey(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  const parameter = fn.parameters[0];
  if (!parameter || !ts.isIdentifier(parameter.name)) return undefined;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return undefined;
    body = only.expression;
  }
  const inner = skipOuter(body as ts.Expression);
  if (!ts.isBinaryExpression(inner)) return undefined;
  const operator = inner.operatorToken.kind;
  if (operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken) return undefined;
  const name = parameter.name.text;
  const isItem = (side: ts.Expression): boolean => {
    const s = skipOuter(side);
    if (ts.isIdentifier(s)) return s.text === name;
    return ts.isPropertyAccessExpression(s) && s.name.text === "name" && ts.isIdentifier(s.expression) && s.expression.text === name;
  };
  if (isItem(inner.left)) return inner.right;
  if (isItem(inner.right)) return inner.left;
  return undefined;
}

/** The identifier that declares the binding `identifier` refers to, through enclosing scopes of this file. */
export function declaredIdentifier(identifier: ts.Identifier): ts.Identifier | undefined {
  const name = identifier.text;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) {
        const found = bindingIdentifier(parameter.name, name);
        if (found) return found;
      }
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      const found = bindingIdentifier(scope.variableDeclaration.name, name);
      if (found) return found;
    }
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      for (const declaration of scope.initializer.declarations) {
        const found = bindingIdentifier(declaration.name, name);
        if (found) return found;
      }
    }
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
    if (!statements) continue;
    for (const statement of statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const found = bindingIdentifier(declaration.name, name);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function bindingIdentifier(binding: ts.BindingName, name: string): ts.Identifier | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? binding : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const found = bindingIdentifier(element.name, name);
    if (found) return found;
  }
  return undefined;
}

function propertyText(name: ts.PropertyName | ts.BindingName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** Whether a read is written to instead (`x = …`, `x += …`, `x++`, `delete x`): not a check of the flag. */
export function isAssignmentTarget(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node) {
    const kind = parent.operatorToken.kind;
    return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
  }
  return (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken) || ts.isDeleteExpression(parent);
}

/** Parentheses, `!`, `as`, `await`, and `x ?? {}` / `x || {}` fallbacks say nothing about which object it is. */
function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else if (ts.isBinaryExpression(current) && (current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || current.operatorToken.kind === ts.SyntaxKind.BarBarToken) && (ts.isObjectLiteralExpression(skipParens(current.right)) || ts.isArrayLiteralExpression(skipParens(current.right)))) {
      current = current.left;
    } else {
      return current;
    }
  }
}

function skipParens(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function receiverPath(expression: ts.Expression): string[] {
  const current = skipOuter(expression);
  if (ts.isIdentifier(current)) return [current.text];
  if (current.kind === ts.SyntaxKind.ThisKeyword) return ["this"];
  if (ts.isPropertyAccessExpression(current)) {
    const head = receiverPath(current.expression);
    return head.length === 0 ? [] : [...head, current.name.text];
  }
  if (ts.isCallExpression(current)) {
    const head = receiverPath(current.expression);
    return head.length === 0 ? [] : [...head.slice(0, -1), `${head[head.length - 1]}()`];
  }
  return [];
}

function endsWith(path: string[], suffix: string[]): boolean {
  if (suffix.length > path.length) return false;
  return suffix.every((segment, i) => path[path.length - suffix.length + i] === segment);
}
