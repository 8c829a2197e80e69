import path from "node:path";
import { withPythonTree, type Node } from "./parser.js";
import { callArguments, dottedName, named, named as named_, simpleAssignment, stringValue } from "./syntax.js";

/** What a module-level name is bound to, as far as resolving flag keys needs. */
export type Binding =
  | { kind: "string"; value: string; offset: number }
  /** `NAME = OTHER` or `NAME = module.OTHER`. */
  | { kind: "alias"; target: string }
  /** `from module import name` (name set) or `import module` (name unset). */
  | { kind: "import"; module: string; name?: string }
  | { kind: "class"; attributes: Map<string, Binding> }
  /** `from module import *`, stored under the key `*module`: names not bound here may come from there. */
  | { kind: "star"; module: string }
  /** `__all__ = ["A", "B"]`: what `from module import *` takes. */
  | { kind: "all"; names: string[] }
  | ConstructBinding;

/** A part of a key expression: a literal, a name (`NAMESPACE`), or an f-string of them (`f"{NAMESPACE}.x"`). */
export type KeyExpression = { kind: "string"; value: string } | { kind: "alias"; target: string } | { kind: "fstring"; parts: KeyExpression[] };

/** `X = WaffleSwitch("ns.x", __name__)`: a call of a (possibly definition-object) class, with its key-like arguments. */
export interface ConstructBinding {
  kind: "construct";
  /** The callee as written (`WaffleSwitch`, `toggles.WaffleSwitch`). */
  callee: string;
  /** Positional arguments, undefined where one is not key-like. */
  positional: Array<KeyExpression | undefined>;
  keywords: Map<string, KeyExpression>;
  /** Where the call is (for the definition's line). */
  offset: number;
}

export interface ModuleInfo {
  /** Absolute path. */
  path: string;
  bindings: Map<string, Binding>;
}

/** `from .x import y` -> `.x`; `from ..pkg.mod import y` -> `..pkg.mod`. */
export function moduleSpec(node: Node): string {
  return node.text.replace(/\s+/g, "");
}

/** Reads module-level bindings: string constants, aliases, imports and string class attributes. */
export function collectBindings(root: Node): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of named(root)) collectStatement(statement, bindings, true);
  return bindings;
}

function collectStatement(statement: Node, bindings: Map<string, Binding>, isModule: boolean): void {
  switch (statement.type) {
    case "expression_statement": {
      const assignment = simpleAssignment(statement);
      if (assignment === undefined) return;
      const { target, value } = assignment;
      if (target.type !== "identifier") return;
      if (isModule && target.text === "__all__" && (value.type === "list" || value.type === "tuple")) {
        const names = named(value).map((item) => stringValue(item));
        if (names.every((name) => name !== undefined)) bindings.set("__all__", { kind: "all", names: names as string[] });
        else bindings.delete("__all__");
        return;
      }
      // Django's `TextChoices` members are `NAME = "value", "label"`: the value is the first string.
      const choice = !isModule && (value.type === "expression_list" || value.type === "tuple") ? named(value)[0] : undefined;
      const literal = stringValue(choice ?? value);
      if (literal !== undefined) bindings.set(target.text, { kind: "string", value: literal, offset: (choice ?? value).startIndex });
      else {
        const dotted = dottedName(value);
        if (dotted !== undefined) bindings.set(target.text, { kind: "alias", target: dotted });
        else if (isModule && value.type === "call") {
          const construct = constructBinding(value);
          if (construct === undefined) bindings.delete(target.text);
          else bindings.set(target.text, construct);
        }
        // A later non-constant assignment makes the name unknowable.
        else bindings.delete(target.text);
      }
      return;
    }
    case "import_from_statement": {
      if (!isModule) return;
      const moduleNode = statement.childForFieldName("module_name");
      if (moduleNode === null) return;
      const module = moduleSpec(moduleNode);
      if (statement.children.some((child) => child?.type === "wildcard_import")) {
        bindings.set(`*${module}`, { kind: "star", module });
        return;
      }
      for (const item of statement.childrenForFieldName("name")) {
        if (item === null) continue;
        if (item.type === "aliased_import") {
          const name = item.childForFieldName("name");
          const alias = item.childForFieldName("alias");
          if (name !== null && alias !== null) bindings.set(alias.text, { kind: "import", module, name: name.text });
        } else {
          bindings.set(item.text, { kind: "import", module, name: item.text });
        }
      }
      return;
    }
    case "import_statement": {
      if (!isModule) return;
      for (const item of statement.childrenForFieldName("name")) {
        if (item === null) continue;
        if (item.type === "aliased_import") {
          const name = item.childForFieldName("name");
          const alias = item.childForFieldName("alias");
          if (name !== null && alias !== null) bindings.set(alias.text, { kind: "import", module: name.text });
        } else {
          // `import a.b` binds `a`; `a.b.NAME` is resolved submodule by submodule.
          const first = item.text.split(".")[0]!;
          bindings.set(first, { kind: "import", module: first });
        }
      }
      return;
    }
    case "class_definition": {
      if (!isModule) return;
      const name = statement.childForFieldName("name");
      const body = statement.childForFieldName("body");
      if (name === null || body === null) return;
      const attributes = new Map<string, Binding>();
      for (const inner of named(body)) collectStatement(inner, attributes, false);
      bindings.set(name.text, { kind: "class", attributes });
      return;
    }
    case "decorated_definition": {
      const definition = statement.childForFieldName("definition");
      if (definition !== null) collectStatement(definition, bindings, isModule);
      return;
    }
    default:
      return;
  }
}

/**
 * Resolves module names and module-level constants across a project's Python files, syntactically.
 * One instance per scan; modules are parsed at most once.
 */
export class PythonModuleIndex {
  private readonly modules = new Map<string, ModuleInfo | undefined>();

  constructor(
    /** Absolute project root. */
    readonly root: string,
    private readonly readFile: (absolutePath: string) => string | undefined,
  ) {}

  /** Registers a module already parsed by the caller, so it is not parsed twice. */
  remember(info: ModuleInfo): void {
    this.modules.set(info.path, info);
  }

  moduleInfo(absolutePath: string): ModuleInfo | undefined {
    if (this.modules.has(absolutePath)) return this.modules.get(absolutePath);
    const text = this.readFile(absolutePath);
    const info =
      text === undefined || !mayHoldBindings(text)
        ? text === undefined
          ? undefined
          : { path: absolutePath, bindings: new Map<string, Binding>() }
        : withPythonTree(text, (tree) => ({ path: absolutePath, bindings: collectBindings(tree.rootNode) }));
    this.modules.set(absolutePath, info);
    return info;
  }

  /**
   * The file of a module imported from `fromFile`. Absolute module names are tried against the project
   * root and then every directory between it and the importing file, since a Django project's source
   * root (where `manage.py` lives) is often a subdirectory.
   */
  resolveModule(fromFile: string, spec: string): string | undefined {
    const key = `${path.dirname(fromFile)}\0${spec}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.findModule(fromFile, spec));
    return this.resolved.get(key);
  }

  private readonly resolved = new Map<string, string | undefined>();

  private findModule(fromFile: string, spec: string): string | undefined {
    const dots = /^\.*/.exec(spec)![0].length;
    const rest = spec.slice(dots).split(".").filter(Boolean);
    if (dots > 0) {
      let base = path.dirname(fromFile);
      for (let i = 1; i < dots; i++) base = path.dirname(base);
      return this.moduleFile(path.join(base, ...rest));
    }
    for (const base of this.sourceRoots(fromFile)) {
      const found = this.moduleFile(path.join(base, ...rest));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private sourceRoots(fromFile: string): string[] {
    const roots: string[] = [];
    let dir = path.dirname(fromFile);
    while (dir.startsWith(this.root) && dir !== path.dirname(dir)) {
      roots.unshift(dir);
      if (dir === this.root) break;
      dir = path.dirname(dir);
    }
    if (roots[0] !== this.root) roots.unshift(this.root);
    return roots;
  }

  private moduleFile(base: string): string | undefined {
    for (const candidate of [`${base}.py`, path.join(base, "__init__.py")])
      if (this.readFile(candidate) !== undefined) return candidate;
    return undefined;
  }

  /** The string a module-level name of `module` holds, following aliases and imports. */
  resolveName(module: ModuleInfo, name: string, depth = 0): string | undefined {
    const [first, ...rest] = name.split(".");
    const value = this.resolveDotted(module, first!, rest, depth);
    return typeof value === "string" ? value : undefined;
  }

  /**
   * The definition object a name is bound to (`X = WaffleSwitch("ns.x", __name__)`, also through imports):
   * the constructor's name as its module imports it (`edx_toggles.toggles.WaffleSwitch` -> `WaffleSwitch`)
   * and a way to resolve its key arguments in that module.
   */
  resolveConstruct(module: ModuleInfo, name: string): { constructor: string; keyOf: (arg: number, keyword: string | undefined) => string | undefined } | undefined {
    const [first, ...rest] = name.split(".");
    const target = this.resolveDotted(module, first!, rest, 0);
    if (target === undefined || typeof target === "string" || !("construct" in target)) return undefined;
    const { construct, module: home } = target;
    const [head, ...tail] = construct.callee.split(".");
    const imported = home.bindings.get(head!);
    const constructor = tail.length === 0 && imported?.kind === "import" && imported.name !== undefined ? imported.name : construct.callee.split(".").pop()!;
    const evaluate = (key: KeyExpression | undefined): string | undefined => {
      if (key === undefined) return undefined;
      if (key.kind === "string") return key.value;
      if (key.kind === "alias") return this.resolveName(home, key.target);
      let value = "";
      for (const part of key.parts) {
        const piece = evaluate(part);
        if (piece === undefined) return undefined;
        value += piece;
      }
      return value;
    };
    return {
      constructor,
      keyOf: (arg, keyword) => evaluate(construct.positional[arg] ?? (keyword === undefined ? undefined : construct.keywords.get(keyword))),
    };
  }

  /** Where a name finally points: a string, a module, a class's attributes, or nothing known. */
  private resolveDotted(module: ModuleInfo, first: string, rest: string[], depth: number): Target | undefined {
    if (depth > 20) return undefined;
    const binding = module.bindings.get(first);
    if (binding === undefined) return this.fromStars(module, first, rest, depth);
    return this.follow(this.bindingTarget(module, binding, depth), rest, depth);
  }

  /** A name `from x import *` brings in: public (or listed in `__all__`) in `x`. */
  private fromStars(module: ModuleInfo, first: string, rest: string[], depth: number): Target | undefined {
    for (const [key, binding] of module.bindings) {
      if (binding.kind !== "star" || !key.startsWith("*")) continue;
      const file = this.resolveModule(module.path, binding.module);
      const info = file === undefined ? undefined : this.moduleInfo(file);
      if (info === undefined) continue;
      const all = info.bindings.get("__all__");
      if (all?.kind === "all" ? !all.names.includes(first) : first.startsWith("_")) continue;
      const found = this.resolveDotted(info, first, rest, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private bindingTarget(module: ModuleInfo, binding: Binding, depth: number): Target | undefined {
    switch (binding.kind) {
      case "string":
        return binding.value;
      case "class":
        return { attributes: binding.attributes, module };
      case "alias": {
        const [first, ...rest] = binding.target.split(".");
        return this.resolveDotted(module, first!, rest, depth + 1);
      }
      case "import": {
        if (binding.name === undefined) {
          const file = this.resolveModule(module.path, binding.module);
          const info = file === undefined ? undefined : this.moduleInfo(file);
          return info === undefined ? { pendingModule: binding.module, from: module.path } : info;
        }
        const file = this.resolveModule(module.path, binding.module);
        const info = file === undefined ? undefined : this.moduleInfo(file);
        if (info !== undefined && info.bindings.has(binding.name))
          return this.resolveDotted(info, binding.name, [], depth + 1);
        const starred = info === undefined ? undefined : this.fromStars(info, binding.name, [], depth + 1);
        if (starred !== undefined) return starred;
        // `from package import submodule`
        const separator = binding.module.endsWith(".") ? "" : ".";
        const submodule = this.resolveModule(module.path, `${binding.module}${separator}${binding.name}`);
        return submodule === undefined ? undefined : this.moduleInfo(submodule);
      }
      case "construct":
        return { construct: binding, module };
      case "star":
      case "all":
        return undefined;
    }
  }

  private follow(target: Target | undefined, rest: string[], depth: number): Target | undefined {
    let current = target;
    for (const [i, part] of rest.entries()) {
      // An Enum member's `.value` (`Flags.NEW.value`): the member was read as its string already.
      if (typeof current === "string" && part === "value" && i === rest.length - 1) return current;
      if (current === undefined || typeof current === "string") return undefined;
      if ("bindings" in current) {
        if (current.bindings.has(part)) return this.resolveDotted(current, part, rest.slice(i + 1), depth + 1);
        const starred = this.fromStars(current, part, rest.slice(i + 1), depth + 1);
        if (starred !== undefined) return starred;
        const file = this.moduleFile(path.join(current.path.replace(/(\/__init__)?\.py$/, ""), part));
        current = file === undefined ? undefined : this.moduleInfo(file);
      } else if ("attributes" in current) {
        const binding = current.attributes.get(part);
        current = binding === undefined ? undefined : this.bindingTarget(current.module, binding, depth + 1);
      } else if ("construct" in current) {
        return undefined;
      } else {
        // `import a.b` then `a.b.NAME`: the package `a` may be outside the project, the submodule not.
        current.pendingModule = `${current.pendingModule}.${part}`;
        const file = this.resolveModule(current.from, current.pendingModule);
        if (file !== undefined) current = this.moduleInfo(file);
      }
    }
    return current;
  }
}

type Target =
  | string
  | ModuleInfo
  | { attributes: Map<string, Binding>; module: ModuleInfo }
  | { pendingModule: string; from: string }
  | { construct: ConstructBinding; module: ModuleInfo };

function constructBinding(call: Node): ConstructBinding | undefined {
  const fn = call.childForFieldName("function");
  const callee = fn === null ? undefined : dottedName(fn);
  if (callee === undefined) return undefined;
  const { positional, keywords } = callArguments(call);
  const named = new Map<string, KeyExpression>();
  for (const [name, value] of keywords) {
    const key = keyExpression(value);
    if (key !== undefined) named.set(name, key);
  }
  return { kind: "construct", callee, positional: positional.map(keyExpression), keywords: named, offset: call.startIndex };
}

/** A literal, a dotted name, or an f-string whose fields are dotted names without conversion or format. */
function keyExpression(node: Node): KeyExpression | undefined {
  const literal = stringValue(node);
  if (literal !== undefined) return { kind: "string", value: literal };
  const dotted = dottedName(node);
  if (dotted !== undefined) return { kind: "alias", target: dotted };
  if (node.type !== "string") return undefined;
  const parts: KeyExpression[] = [];
  let prefix = "";
  for (const child of node.children) {
    if (child === null) continue;
    if (child.type === "string_start") prefix = child.text.replace(/['"]+$/, "").toLowerCase();
    else if (child.type === "string_content") {
      // Escapes and `{{` are rare in a key: leave such a string dynamic rather than guess.
      if (/[\\{}]/.test(child.text)) return undefined;
      parts.push({ kind: "string", value: child.text });
    } else if (child.type === "interpolation") {
      const fields = named_(child);
      const expression = fields[0];
      const name = fields.length === 1 && expression !== undefined ? dottedName(expression) : undefined;
      if (name === undefined) return undefined;
      parts.push({ kind: "alias", target: name });
    }
  }
  if (!prefix.includes("f") || prefix.includes("b")) return undefined;
  return { kind: "fstring", parts };
}

/** Modules without an assignment or import cannot hold a constant: skip parsing them. */
function mayHoldBindings(text: string): boolean {
  return text.includes("=") || text.includes("import");
}
