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
  const name = fn.childForFieldName("name")?.text;
  const parameters = fn.childForFieldName("parameters");
  const body = fn.childForFieldName("body");
  if (name === undefined || parameters === null || body === null) return undefined;
  const list = named(parameters).filter((parameter) => parameter.type !== "comment");
  let index = list.findIndex((parameter) => parameterName(parameter) === key.text);
  if (index === -1 || rebinds(body, key.text)) return undefined;
  const parameter = list[index]!;
  if (parameter.type.includes("splat") || list.slice(0, index).some((p) => p.type.includes("splat") || p.type === "keyword_separator")) return undefined;
  const method = methodOf(fn);
  if (method === undefined) return { calls: [name], arg: index, keyword: key.text };
  if (!method.isStatic) {
    // `self`/`cls` is never written by callers.
    if (index === 0) return undefined;
    index--;
  }
  const calls = [`${method.className}.${name}`];
  if (!method.isStatic) calls.push(`${method.isClassMethod ? "cls" : "self"}.${name}`);
  if (method.isClassMethod) calls.push(`self.${name}`);
  return { calls, arg: index, keyword: key.text };
}

/** The learned accessors for a wrapper of `wrapped`, keeping its kind and key pattern. */
export function learnedWrappers(site: WrapperSite, wrapped: { name: string; kind?: string; keyPattern?: RegExp }): Array<LearnedAccessorConfig & CallAccessorConfig> {
  return site.calls.map((call) => {
    const learned: LearnedAccessorConfig & CallAccessorConfig = { call, arg: site.arg, keyword: site.keyword, language: "python", wraps: wrapped.name };
    if (wrapped.kind !== undefined) learned.kind = wrapped.kind;
    if (wrapped.keyPattern !== undefined) learned.keyPattern = wrapped.keyPattern.source;
    return learned;
  });
}

function parameterName(parameter: Node): string | undefined {
  if (parameter.type === "identifier") return parameter.text;
  const name = parameter.childForFieldName("name") ?? named(parameter).find((child) => child.type === "identifier");
  return name?.type === "identifier" ? name.text : undefined;
}

/** Whether the function body binds `name` again (then the key is not simply what the caller passed). */
function rebinds(body: Node, name: string): boolean {
  for (const node of body.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "named_expression"])) {
    const target = node?.childForFieldName("left") ?? node?.childForFieldName("name");
    if (target != null && target.descendantsOfType("identifier").some((id) => id?.text === name)) return true;
  }
  return false;
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
