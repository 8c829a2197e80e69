import type { CallAccessorConfig, LearnedAccessorConfig } from "../../config/schema.js";
import type { Node } from "./parser.js";
import { dottedName, named } from "./syntax.js";

/** The parameter a key expression passes through: its function, and where callers put the key. */
export interface WrapperSite {
  /** What callers call: `is_waffle_flag_active`, or `self.is_enabled`/`Toggles.is_enabled` for a method. */
  calls: string[];
  /** The key's index among the arguments callers write (`self`/`cls` not counted). */
  arg: number;
  /** The parameter's name: callers may pass the key by keyword. */
  keyword: string;
  /** The parameter holds several keys, checked in a `for` loop over it. */
  items?: boolean;
}

/**
 * `def is_waffle_flag_active(flag, request): return flag_is_active(request, flag)`: the key is a
 * parameter of the named function around it (bound nowhere else in it), so the function is itself an
 * accessor and its callers hold the real keys. Undefined for anything else (a lambda, `*args`, a
 * parameter reassigned before the check).
 */
export function wrapperSiteOf(key: Node): WrapperSite | undefined {
  if (key.type !== "identifier") return undefined;
  let fn: Node | null = key.parent;
  while (fn !== null && fn.type !== "function_definition" && fn.type !== "lambda") fn = fn.parent;
  if (fn === null || fn.type === "lambda") return undefined;
  // `for switch in switches: ... switch_is_active(switch)`: the parameter holds the keys.
  const loop = loopOverParameter(key, fn);
  const parameterText = loop ?? key.text;
  if (loop !== undefined && rebinds(fn.childForFieldName("body") ?? fn, loop, key.text)) return undefined;
  // A decorator factory (`def requires(switches): def decorator(view): ...`) loops over its own
  // parameter inside the functions it returns: the factory is what callers call with the keys.
  while (loop !== undefined && fn !== null && !hasParameter(fn, parameterText)) {
    if (binds(fn, parameterText)) return undefined;
    fn = fn.parent;
    while (fn !== null && fn.type !== "function_definition") fn = fn.parent;
  }
  if (fn === null) return undefined;
  const name = fn.childForFieldName("name")?.text;
  const parameters = fn.childForFieldName("parameters");
  const body = fn.childForFieldName("body");
  if (name === undefined || parameters === null || body === null) return undefined;
  const list = named(parameters).filter((parameter) => parameter.type !== "comment");
  let index = list.findIndex((parameter) => parameterName(parameter) === parameterText);
  if (index === -1 || rebinds(body, parameterText)) return undefined;
  const parameter = list[index]!;
  if (parameter.type.includes("splat") || list.slice(0, index).some((p) => p.type.includes("splat") || p.type === "keyword_separator")) return undefined;
  const method = methodOf(fn);
  const items = loop === undefined ? {} : { items: true };
  if (method === undefined) return { calls: [name], arg: index, keyword: parameterText, ...items };
  if (!method.isStatic) {
    // `self`/`cls` is never written by callers.
    if (index === 0) return undefined;
    index--;
  }
  const calls = [`${method.className}.${name}`];
  if (!method.isStatic) calls.push(`${method.isClassMethod ? "cls" : "self"}.${name}`);
  if (method.isClassMethod) calls.push(`self.${name}`);
  return { calls, arg: index, keyword: parameterText, ...items };
}

/** The parameter name `key` iterates over (`for key in PARAM:` around it), or undefined. */
function loopOverParameter(key: Node, fn: Node): string | undefined {
  for (let node = key.parent; node !== null && !node.equals(fn); node = node.parent) {
    if (node.type !== "for_statement") continue;
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (left?.type === "identifier" && left.text === key.text && right?.type === "identifier") return right.text;
  }
  return undefined;
}

/** The learned accessors for a wrapper of `wrapped`, keeping its kind and key pattern. */
export function learnedWrappers(site: WrapperSite, wrapped: { name: string; kind?: string; keyPattern?: RegExp }): Array<LearnedAccessorConfig & CallAccessorConfig> {
  return site.calls.map((call) => {
    const learned: LearnedAccessorConfig & CallAccessorConfig = { call, arg: site.arg, keyword: site.keyword, language: "python", wraps: wrapped.name };
    if (site.items === true) learned.items = true;
    if (wrapped.kind !== undefined) learned.kind = wrapped.kind;
    if (wrapped.keyPattern !== undefined) learned.keyPattern = wrapped.keyPattern.source;
    return learned;
  });
}

function hasParameter(fn: Node, name: string): boolean {
  const parameters = fn.childForFieldName("parameters");
  return parameters !== null && named(parameters).some((parameter) => parameterName(parameter) === name);
}

/** Whether a function binds `name` itself (so an outer function's parameter of that name is hidden). */
function binds(fn: Node, name: string): boolean {
  const body = fn.childForFieldName("body");
  return body !== null && rebinds(body, name);
}

function parameterName(parameter: Node): string | undefined {
  if (parameter.type === "identifier") return parameter.text;
  const name = parameter.childForFieldName("name") ?? named(parameter).find((child) => child.type === "identifier");
  return name?.type === "identifier" ? name.text : undefined;
}

/**
 * Whether the function body binds `name` again (then the key is not simply what the caller passed), or
 * binds the loop variable `item` anywhere but in its one loop.
 */
function rebinds(body: Node, name: string, item?: string): boolean {
  let itemBindings = 0;
  for (const node of body.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "named_expression"])) {
    const target = node?.childForFieldName("left") ?? node?.childForFieldName("name");
    if (target == null) continue;
    const names = target.descendantsOfType("identifier").map((id) => id?.text);
    if (names.includes(name)) return true;
    if (item !== undefined && names.includes(item)) itemBindings++;
  }
  return itemBindings > 1;
}

function methodOf(fn: Node): { className: string; isStatic: boolean; isClassMethod: boolean } | undefined {
  const decorated = fn.parent?.type === "decorated_definition" ? fn.parent : undefined;
  const block = (decorated ?? fn).parent;
  const classNode = block?.type === "block" ? block.parent : null;
  if (classNode?.type !== "class_definition") return undefined;
  const className = classNode.childForFieldName("name")?.text;
  if (className === undefined) return undefined;
  const decorators = decorated === undefined ? [] : named(decorated).filter((node) => node.type === "decorator").map((node) => dottedName(named(node)[0]!) ?? "");
  return { className, isStatic: decorators.includes("staticmethod"), isClassMethod: decorators.includes("classmethod") };
}
