import type {
  AccessorConfig,
  LearnedAccessorConfig,
  CallAccessorConfig,
  ClassAttributeAccessorConfig,
  DecoratorAccessorConfig,
} from "../../config/schema.js";
import type { FlagReference, GuardInfo, ReferenceKind, ScanError } from "../../scan/reference.js";
import type { FileScanner, FileScanResult, ProjectContext, SourceFileInput } from "../language.js";
import { compilePythonAccessors, type CallMatcher, type PythonAccessors } from "./accessors.js";
import { collectBindings, moduleSpec, PythonModuleIndex, type Binding, type ModuleInfo } from "./module-index.js";
import { findSyntaxError, loadPythonParser, withPythonTree, type Node } from "./parser.js";
import { LineIndex } from "../../scan/line-index.js";
import { callArguments, dottedName, named, stringValue } from "./syntax.js";
import { learnedWrappers, wrapperSiteOf } from "./learn-wrapper.js";
import { djangoSettingsModules, isDjangoSettings } from "./django-settings.js";

/** A reference before guards are known, with the nodes guards are computed from. */
interface Found {
  reference: FlagReference;
  checkStart: number;
  checkEnd: number;
}

const indexes = new WeakMap<ProjectContext, PythonModuleIndex>();

/** The wrappers learned so far in one project scan, by the name callers call; compiled with the config's accessors. */
interface Learning {
  learned: Map<string, LearnedAccessorConfig>;
  compiled: PythonAccessors | undefined;
}
const learnings = new WeakMap<ProjectContext, Learning>();

function learningOf(project: ProjectContext): Learning {
  let learning = learnings.get(project);
  if (learning === undefined) {
    learning = { learned: new Map(), compiled: undefined };
    learnings.set(project, learning);
  }
  return learning;
}

function moduleIndex(project: ProjectContext): PythonModuleIndex {
  let index = indexes.get(project);
  if (index === undefined) {
    index = new PythonModuleIndex(project.root, project.readFile);
    indexes.set(project, index);
  }
  return index;
}

/**
 * Finds flag checks in Python files: accessor calls (also as methods and under aliased imports),
 * decorators, and class attributes of flag-gated classes. Keys resolve through literals, module-level
 * constants and imports across the project.
 */
export const pythonScanner: FileScanner = {
  // No `prepare`: the grammar (an optional package) loads with the first Python file that mentions an
  // accessor, so a project without one never needs it installed.
  async scanFile(file, project) {
    await loadPythonParser();
    return scanPythonText(file, project);
  },
};

/** Scans one Python file; the parser must be loaded. Exported for the cleanup, which re-scans its output. */
export function scanPythonText(file: SourceFileInput, project: ProjectContext): FileScanResult {
  const index = moduleIndex(project);
  const lines = new LineIndex(file.text);
  return withPythonTree(file.text, (tree) => {
    const errors: ScanError[] = [];
    const syntaxError = findSyntaxError(tree);
    if (syntaxError !== undefined) errors.push({ file: file.relativePath, ...lines.position(syntaxError.offset), message: syntaxError.message });
    const module: ModuleInfo = { path: file.path, bindings: collectBindings(tree.rootNode) };
    index.remember(module);
    const learning = learningOf(project);
    learning.compiled ??= compilePythonAccessors([...project.config.accessors, ...learning.learned.values()]);
    const scanner = new FileScan(file, learning.compiled, module, index, lines);
    scanner.find(tree.rootNode, file.text);
    const created = scanner.rowsCreated(tree.rootNode, file.text);
    // Wrappers learned here make their callers (in this file or others, scanned again) references.
    const learnedAccessors: LearnedAccessorConfig[] = [];
    const configured = new Set(learning.compiled.calls.map((matcher) => accessorName(matcher.accessor)));
    for (const accessor of scanner.learned) {
      if (learning.learned.has(accessor.call) || configured.has(accessor.call)) continue;
      learning.learned.set(accessor.call, accessor);
      learnedAccessors.push(accessor);
    }
    if (learnedAccessors.length > 0) learning.compiled = undefined;
    const references = scanner.withGuards();
    // A test that makes the row itself (`Switch.objects.update_or_create(name=...)`) defines it for its checks.
    for (const reference of references) if (reference.flag !== undefined && created.has(reference.flag)) reference.createdHere = true;
    return { references, errors, learnedAccessors };
  });
}

/** `Switch.objects.create(`, `Flag.objects.get_or_create(`, `get_waffle_flag_model().objects.update_or_create(`. */
const ROW_CREATION = /\b(?:Flag|Switch|Sample|get_waffle_(?:flag|switch|sample)_model\(\))\.objects\.(create|get_or_create|update_or_create)\s*\(/g;

class FileScan {
  readonly found: Found[] = [];
  /** Functions and methods found to pass a parameter straight to an accessor. */
  readonly learned: Array<LearnedAccessorConfig & CallAccessorConfig> = [];

  constructor(
    private readonly file: SourceFileInput,
    private readonly accessors: PythonAccessors,
    private readonly module: ModuleInfo,
    private readonly index: PythonModuleIndex,
    private readonly lines: LineIndex,
  ) {}

  /**
   * Finds the checks of a parsed file. Walking every node costs a JS/WASM crossing per node, so the
   * walk starts from the places where an accessor's name occurs in the text instead: only those
   * identifiers and their few ancestors are ever materialised.
   */
  find(root: Node, text: string): void {
    const seen = new Set<number>();
    for (const name of this.searchNames()) {
      for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
        if (isIdentifierChar(text[at - 1]) || isIdentifierChar(text[at + name.length])) continue;
        const identifier = root.descendantForIndex(at, at + name.length);
        if (identifier?.type !== "identifier" || identifier.startIndex !== at || identifier.endIndex !== at + name.length) continue;
        if (root.hasError && insideError(identifier)) continue;
        this.visitIdentifier(identifier, seen);
      }
    }
    const order = this.found.map((found, i) => ({ found, check: this.checkNodes[i]! })).sort((a, b) => a.found.checkStart - b.found.checkStart || a.found.reference.keyRange.start - b.found.reference.keyRange.start);
    this.found.splice(0, this.found.length, ...order.map((entry) => entry.found));
    this.checkNodes.splice(0, this.checkNodes.length, ...order.map((entry) => entry.check));
  }

  /**
   * The rows of waffle's models this file creates by name (outside migrations, which the
   * `django-migrations` registry reads): a test that makes its own switch checks a switch that exists.
   */
  rowsCreated(root: Node, text: string): Set<string> {
    const names = new Set<string>();
    if (isMigration(this.file.relativePath)) return names;
    for (const match of text.matchAll(ROW_CREATION)) {
      const at = match.index + match[0].lastIndexOf(match[1]!);
      const method = root.descendantForIndex(at, at + match[1]!.length);
      const call = method?.parent?.parent;
      if (call?.type !== "call") continue;
      const name = callArguments(call).keywords.get("name");
      const value = name === undefined ? undefined : this.resolve(name);
      if (value !== undefined) names.add(value);
    }
    return names;
  }

  /** Accessor names, the local names they are imported under, and class attribute names. */
  private searchNames(): Set<string> {
    const names = new Set([...this.accessors.calls, ...this.accessors.decorators].map((matcher) => matcher.name));
    for (const [local, binding] of this.module.bindings)
      if (binding.kind === "import" && binding.name !== undefined && names.has(binding.name)) names.add(local);
    for (const { accessor } of this.accessors.classAttributes) names.add(accessor.classAttribute);
    for (const definition of this.accessors.definitionObjects) for (const method of definition.methods) names.add(method);
    return names;
  }

  private visitIdentifier(identifier: Node, seen: Set<number>): void {
    const parent = identifier.parent;
    if (parent === null) return;
    let fn: Node | undefined;
    if (parent.type === "call" && parent.childForFieldName("function")?.equals(identifier)) fn = identifier;
    else if (parent.type === "attribute" && parent.childForFieldName("attribute")?.equals(identifier)) {
      const call = parent.parent;
      if (call?.type === "call" && call.childForFieldName("function")?.equals(parent)) fn = parent;
    } else if (parent.type === "assignment" && parent.childForFieldName("left")?.equals(identifier)) {
      const classNode = parent.parent?.parent?.parent;
      if (parent.parent?.type === "expression_statement" && classNode?.type === "class_definition" && !seen.has(classNode.startIndex)) {
        seen.add(classNode.startIndex);
        this.visitClass(classNode);
      }
      return;
    }
    const call = fn?.parent;
    if (call == null || seen.has(call.startIndex)) return;
    seen.add(call.startIndex);
    this.visitCall(call, call.parent?.type === "decorator" ? call.parent : undefined);
  }

  private visitCall(call: Node, decorator?: Node): void {
    const fn = call.childForFieldName("function");
    if (fn === null) return;
    // In a data migration, `Flag.objects.filter(name=X)` writes the row the `django-migrations` registry reads.
    const calls = this.matching(fn, this.accessors.calls).filter((matcher) => !(isOrmQuery(matcher) && isMigration(this.file.relativePath)));
    const decorators = this.matching(fn, this.accessors.decorators);
    // `Switch.objects.get(name=X).active` is read by the accessor that names `.active`, not also by the plain query.
    const before = this.found.length;
    for (const matcher of calls.filter((m) => "property" in m.accessor && m.accessor.property !== undefined)) this.addCallReference(call, matcher, "call", call);
    if (this.found.length === before) for (const matcher of calls.filter((m) => !("property" in m.accessor) || m.accessor.property === undefined)) this.addCallReference(call, matcher, "call", call);
    for (const matcher of decorators)
      // `waffle_flag("x")(view)` in urls.py gates the view just as the decorator does.
      this.addCallReference(call, matcher, "decorator", decorator ?? call);
    if (fn.type === "attribute" && decorator === undefined) this.visitDefinitionCheck(call, fn);
  }

  /** `X.is_enabled()` where `X = WaffleSwitch("ns.x", __name__)` here or in the module `X` is imported from. */
  private visitDefinitionCheck(call: Node, fn: Node): void {
    const method = fn.childForFieldName("attribute")?.text;
    const object = fn.childForFieldName("object");
    const definitions = this.accessors.definitionObjects.filter((definition) => method !== undefined && definition.methods.includes(method));
    if (definitions.length === 0 || object === null) return;
    const dotted = dottedName(object);
    if (dotted === undefined) return;
    const imported = object.type === "identifier" ? localImport(object) : undefined;
    const module = imported === undefined ? this.module : { path: this.module.path, bindings: new Map([[object.text, imported]]) };
    // `self.config.is_enabled()`, a ConfigurationModel's `is_enabled()`: not a definition object, not a check.
    let construct = this.index.resolveConstruct(module, dotted);
    // `settings.LOG_REQUESTS.is_enabled()`: a toggle defined in the Django settings module.
    const [head, ...rest] = dotted.split(".");
    if (construct === undefined && rest.length > 0 && isDjangoSettings(this.module, head!))
      for (const settings of djangoSettingsModules(this.index)) {
        construct = this.index.resolveConstruct(settings, rest.join("."));
        if (construct !== undefined) break;
      }
    if (construct === undefined) return;
    const definition = definitions.find((candidate) => candidate.constructor === construct.constructor);
    if (definition === undefined) return;
    const value = construct.keyOf(definition.accessor.arg ?? 0, definition.accessor.keyword ?? "name");
    this.add(object, value, "call", definition.accessor.definitionObject, call, definition.keyPattern, false, definition.accessor.kind);
  }

  private matching(fn: Node, matchers: CallMatcher[]): CallMatcher[] {
    if (matchers.length === 0) return [];
    let name: string;
    let receiver: string | undefined;
    if (fn.type === "identifier") {
      const binding = this.module.bindings.get(fn.text);
      if (binding?.kind === "import" && binding.name !== undefined) {
        name = binding.name;
        receiver = binding.module.replace(/^\.+/, "");
      } else name = fn.text;
    } else if (fn.type === "attribute") {
      const attribute = fn.childForFieldName("attribute");
      const object = fn.childForFieldName("object");
      if (attribute === null || object === null) return [];
      name = attribute.text;
      // `get_waffle_flag_model().get(X)`: a call without arguments as the receiver.
      receiver = receiverName(object);
      const first = receiver?.split(".")[0];
      const binding = first === undefined ? undefined : this.module.bindings.get(first);
      if (binding?.kind === "import" && binding.name === undefined) receiver = binding.module + receiver!.slice(first!.length);
    } else return [];
    return matchers.filter(
      (matcher) =>
        matcher.name === name &&
        (matcher.receiver === undefined ||
          (receiver !== undefined &&
            (receiver === matcher.receiver ||
              // A learned method (`self.is_enabled`) is not `self.client.get`.
              (matcher.receiver !== "self" && matcher.receiver !== "cls" && (receiver.endsWith(`.${matcher.receiver}`) || receiver.split(".")[0] === matcher.receiver))))),
    );
  }

  private addCallReference(call: Node, matcher: CallMatcher, kind: ReferenceKind, check: Node): void {
    const { positional, keywords, hasSplat } = callArguments(call);
    const index = matcher.accessor.arg ?? 0;
    const keyword = "keyword" in matcher.accessor ? matcher.accessor.keyword : undefined;
    // `Flag.objects.filter(Q(...), name=X)`: a query names its row by keyword only.
    const key = (isOrmQuery(matcher) ? undefined : positional[index]) ?? (keyword === undefined ? undefined : keywords.get(keyword));
    if (key !== undefined && (matcher.accessor as LearnedAccessorConfig).items === true) {
      // `@requires_switches([A, B])`: each item is a check of its own; `None` or nothing checks none.
      if (key.type === "none") return;
      if (["list", "tuple", "set"].includes(key.type)) {
        for (const item of named(key)) if (item.type !== "comment") this.add(item, this.resolve(item), kind, accessorName(matcher.accessor), item, matcher.keyPattern, false, matcher.accessor.kind);
        return;
      }
    }
    if (key === undefined) {
      // `flag_is_active(*args)`: a check whose key we cannot see.
      if (hasSplat) this.add(call, undefined, kind, accessorName(matcher.accessor), check, undefined, false, matcher.accessor.kind);
      return;
    }
    let checkNode = check;
    const property = "property" in matcher.accessor ? matcher.accessor.property : undefined;
    if (property !== undefined) {
      const parent = call.parent;
      if (parent?.type !== "attribute" || parent.childForFieldName("attribute")?.text !== property) return;
      // `Flag.get(X).is_active(request)`: the method's call is the check.
      checkNode = parent.parent?.type === "call" && parent.parent.childForFieldName("function")?.equals(parent) ? parent.parent : parent;
    }
    const value = this.resolve(key);
    if (value === undefined && kind === "call" && this.learnWrapper(key, matcher)) return;
    // `Flag.objects.get(name=self.flagname)` in a test helper manages rows by a name it is given: no check to report.
    if (value === undefined && isOrmQuery(matcher)) return;
    this.add(key, value, kind, accessorName(matcher.accessor), checkNode, matcher.keyPattern, kind === "decorator", matcher.accessor.kind);
  }

  /** `def is_on(flag, request): return flag_is_active(request, flag)`: learns `is_on` instead of a dynamic key. */
  private learnWrapper(key: Node, matcher: CallMatcher): boolean {
    const site = wrapperSiteOf(key);
    if (site === undefined) return false;
    // The accessor's own implementation, or one the config already names.
    const configured = new Set(this.accessors.calls.map((call) => accessorName(call.accessor)));
    const wrapped = { name: accessorName(matcher.accessor), kind: matcher.accessor.kind, keyPattern: matcher.keyPattern };
    for (const learned of learnedWrappers(site, wrapped)) if (!configured.has(learned.call)) this.learned.push(learned);
    return true;
  }

  private visitClass(node: Node): void {
    if (this.accessors.classAttributes.length === 0) return;
    const bases = (node.childForFieldName("superclasses") === null ? [] : named(node.childForFieldName("superclasses")!))
      .map((base) => dottedName(base)?.split(".").pop())
      .filter((base): base is string => base !== undefined);
    const body = node.childForFieldName("body");
    if (body === null) return;
    for (const { accessor, keyPattern } of this.accessors.classAttributes) {
      if (accessor.mixins !== undefined && !accessor.mixins.some((mixin) => bases.includes(mixin.split(".").pop()!))) continue;
      for (const statement of named(body)) {
        if (statement.type !== "expression_statement") continue;
        const assignment = statement.namedChildren[0];
        if (assignment?.type !== "assignment") continue;
        const target = assignment.childForFieldName("left");
        const value = assignment.childForFieldName("right");
        if (target?.text !== accessor.classAttribute || value === null) continue;
        this.add(value, this.resolve(value), "class-attribute", accessor.classAttribute, statement, keyPattern, true, accessor.kind);
      }
    }
  }

  /** The slug a key expression holds, through literals, constants and imports; undefined when dynamic. */
  private resolve(key: Node): string | undefined {
    const literal = stringValue(key);
    if (literal !== undefined) return literal;
    if (key.type === "identifier") {
      // `from .constants import X` inside the function.
      const imported = localImport(key);
      if (imported !== undefined) return this.index.resolveName({ path: this.module.path, bindings: new Map([[key.text, imported]]) }, key.text);
      // `flag_name = ENABLE_X` bound once in the function: what the constant holds.
      const local = localConstant(key, (right) => stringValue(right) ?? (right.type === "identifier" && right.text === key.text ? undefined : this.resolveOuter(right)));
      if (local !== "not-local") return local;
    }
    return this.resolveOuter(key);
  }

  /** A name as the module (and a function-local import) binds it. */
  private resolveOuter(key: Node): string | undefined {
    if (key.type === "identifier") {
      const imported = localImport(key);
      if (imported !== undefined) return this.index.resolveName({ path: this.module.path, bindings: new Map([[key.text, imported]]) }, key.text);
    }
    const dotted = dottedName(key);
    return dotted === undefined ? undefined : this.index.resolveName(this.module, dotted);
  }

  private add(
    key: Node,
    value: string | undefined,
    kind: ReferenceKind,
    accessor: string,
    check: Node,
    keyPattern: RegExp | undefined,
    allowsNegation = false,
    flagKind?: string,
  ): void {
    // django-waffle reads `!name` on decorators and mixins as "when the flag is off".
    const flag = allowsNegation && value?.startsWith("!") ? value.slice(1) : value;
    if (keyPattern !== undefined && (flag === undefined || !keyPattern.test(flag))) return;
    const start = this.lines.position(key.startIndex);
    const end = this.lines.position(key.endIndex);
    this.found.push({
      reference: {
        flag,
        file: this.file.relativePath,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        kind,
        ...(flagKind === undefined ? {} : { flagKind }),
        accessor,
        keyText: key.text,
        keyRange: { start: key.startIndex, end: key.endIndex },
        checkRange: { start: check.startIndex, end: check.endIndex },
        guards: [],
        language: "python",
      },
      checkStart: check.startIndex,
      checkEnd: check.endIndex,
    });
    this.checkNodes.push(check);
  }

  private readonly checkNodes: Node[] = [];

  /** Adds to every reference the flags of the conditions it sits under, outermost first. */
  withGuards(): FlagReference[] {
    const resolved = this.found.filter((found) => found.reference.flag !== undefined);
    const within = (start: number, end: number): GuardInfo[] =>
      resolved
        .filter((found) => found.checkStart >= start && found.checkEnd <= end)
        .map(({ reference }) => ({ flag: reference.flag!, line: reference.line, column: reference.column }));
    return this.found.map((found, i) => {
      const levels: GuardInfo[][] = [];
      let child = this.checkNodes[i]!;
      for (let parent = child.parent; parent !== null; child = parent, parent = parent.parent) {
        const guards = this.guardsAt(parent, child, within);
        if (guards.length > 0) levels.unshift(guards);
      }
      // Re-checking the same flag inside its own branch is redundant, not nesting (as in TypeScript).
      return { ...found.reference, guards: levels.flat().filter((guard) => guard.flag !== found.reference.flag) };
    });
  }

  private guardsAt(parent: Node, child: Node, within: (start: number, end: number) => GuardInfo[]): GuardInfo[] {
    const of = (node: Node | null): GuardInfo[] => (node === null ? [] : within(node.startIndex, node.endIndex));
    switch (parent.type) {
      case "if_statement": {
        const condition = parent.childForFieldName("condition");
        if (condition === null || child.equals(condition)) return [];
        // An elif or else branch runs under every earlier condition of the chain.
        const earlier = parent.childrenForFieldName("alternative").filter(
          (clause): clause is Node => clause !== null && clause.startIndex < child.startIndex,
        );
        return [...of(condition), ...earlier.flatMap((clause) => of(clause.childForFieldName("condition")))];
      }
      case "elif_clause":
      case "while_statement": {
        const condition = parent.childForFieldName("condition");
        return condition === null || child.equals(condition) ? [] : of(condition);
      }
      case "conditional_expression": {
        const condition = parent.namedChildren[1];
        return condition == null || child.equals(condition) ? [] : of(condition);
      }
      case "boolean_operator": {
        const right = parent.childForFieldName("right");
        return right !== null && child.equals(right) ? of(parent.childForFieldName("left")) : [];
      }
      case "decorated_definition":
        return child.type === "decorator" ? [] : parent.children.filter((c) => c?.type === "decorator").flatMap((c) => of(c));
      case "block":
      case "module": {
        const guards: GuardInfo[] = [];
        for (const sibling of named(parent)) {
          if (sibling.startIndex >= child.startIndex) break;
          if (sibling.type === "if_statement" && exitsEarly(sibling)) guards.push(...of(sibling.childForFieldName("condition")));
          // The statements of a flag-gated class (its methods) run only when the class attribute allows.
          if (parent.parent?.type === "class_definition" && this.isCheckStatement(sibling)) guards.push(...of(sibling));
        }
        return guards;
      }
      default:
        return [];
    }
  }

  private isCheckStatement(statement: Node): boolean {
    return this.found.some((found) => found.reference.kind === "class-attribute" && found.checkStart === statement.startIndex);
  }
}

/**
 * The string a function-local name holds when the function binds it exactly once, to a literal;
 * undefined when it is bound otherwise (a parameter, a loop, twice); "not-local" when the function
 * does not bind it, so module scope decides.
 */
/** The binding of a `from module import NAME [as ALIAS]` inside the function around `identifier`. */
function localImport(identifier: Node): Binding | undefined {
  for (let fn = identifier.parent; fn !== null; fn = fn.parent) {
    if (fn.type !== "function_definition") continue;
    for (const statement of fn.descendantsOfType("import_from_statement")) {
      const moduleNode = statement?.childForFieldName("module_name");
      if (statement == null || moduleNode == null) continue;
      for (const item of statement.childrenForFieldName("name")) {
        if (item === null) continue;
        const name = item.type === "aliased_import" ? item.childForFieldName("name")?.text : item.text;
        const bound = item.type === "aliased_import" ? item.childForFieldName("alias")?.text : item.text;
        if (bound === identifier.text && name !== undefined) return { kind: "import", module: moduleSpec(moduleNode), name };
      }
    }
    return undefined;
  }
  return undefined;
}

function localConstant(identifier: Node, valueOf: (right: Node) => string | undefined = stringValue): string | undefined | "not-local" {
  let fn = identifier.parent;
  while (fn !== null && fn.type !== "function_definition") fn = fn.parent;
  if (fn === null) return "not-local";
  const name = identifier.text;
  const parameters = fn.childForFieldName("parameters");
  if (parameters?.descendantsOfType("identifier").some((node) => node?.text === name)) return undefined;
  const body = fn.childForFieldName("body");
  if (body === null) return "not-local";
  let value: string | undefined | "not-local" = "not-local";
  let bindings = 0;
  for (const node of body.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "named_expression", "with_item", "global_statement", "nonlocal_statement"])) {
    if (node === null) continue;
    if (node.type === "global_statement" || node.type === "nonlocal_statement") {
      if (named(node).some((child) => child.text === name)) return "not-local";
      continue;
    }
    const target = node.childForFieldName("left") ?? node.childForFieldName("name");
    const binds = target === null ? node.type === "with_item" && node.text.endsWith(` as ${name}`) : target.descendantsOfType("identifier").some((id) => id?.text === name);
    if (!binds) continue;
    bindings++;
    const right = node.type === "assignment" && target?.type === "identifier" ? node.childForFieldName("right") : null;
    value = right === null ? undefined : valueOf(right);
  }
  return bindings > 1 ? undefined : value;
}

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[\w\u0080-\uffff]/.test(char);
}

function insideError(node: Node): boolean {
  for (let current: Node | null = node; current !== null; current = current.parent) if (current.isError) return true;
  return false;
}

/** `if not flag: return ...` with no else: what follows runs only when the condition was false. */
function exitsEarly(statement: Node): boolean {
  if (statement.childrenForFieldName("alternative").length > 0) return false;
  const body = statement.childForFieldName("consequence");
  const last = body === null ? undefined : named(body).filter((node) => node.type !== "comment").pop();
  return last !== undefined && ["return_statement", "raise_statement", "continue_statement", "break_statement"].includes(last.type);
}

/** A dotted name, where a call without arguments reads `name()` (`get_waffle_flag_model().objects`). */
function receiverName(node: Node): string | undefined {
  if (node.type === "identifier") return node.text;
  if (node.type === "attribute") {
    const object = node.childForFieldName("object");
    const left = object === null ? undefined : receiverName(object);
    return left === undefined ? undefined : `${left}.${node.childForFieldName("attribute")!.text}`;
  }
  if (node.type === "call") {
    const callee = node.childForFieldName("function");
    const list = node.childForFieldName("arguments");
    if (callee === null || list === null || named(list).some((argument) => argument.type !== "comment")) return undefined;
    const name = dottedName(callee);
    return name === undefined ? undefined : `${name}()`;
  }
  return undefined;
}

/** `Flag.objects.filter`: a query of a model's rows, not a check of its state. */
export function isOrmQuery(matcher: CallMatcher): boolean {
  return matcher.receiver !== undefined && /(^|\.)objects$/.test(matcher.receiver);
}

function isMigration(relativePath: string): boolean {
  return /(^|\/)migrations\/[^/]+\.py$/.test(relativePath);
}

function accessorName(accessor: CallAccessorConfig | DecoratorAccessorConfig): string {
  return "call" in accessor ? accessor.call : accessor.decorator;
}
