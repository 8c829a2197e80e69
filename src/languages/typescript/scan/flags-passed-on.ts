import path from "node:path";
import ts from "../typescript-api.cjs";
import type { FlagsObjectAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import type { FlagsObjectMatcher } from "./accessors.js";
import { declaredIdentifier, type FlagsObjectTracker } from "./flags-object.js";
import type { ModuleGraph, ModuleInfo } from "./module-graph.js";

/** Where a flags object is handed on: a prop of a component, or a parameter of a function. */
type Slot = { prop: string } | { param: number };

/** What `learnPassedOn` needs of the file being scanned. */
export interface PassSite {
  module: ModuleInfo;
  /** The file's path relative to the root, `/`-separated. */
  relativePath: string;
  graph: ModuleGraph;
  tracker: FlagsObjectTracker;
  /** The receivers learned so far, by name: a call site handing one something else makes it `mixed`. */
  receivers: ReadonlyMap<string, readonly FlagsObjectMatcher[]>;
}

/**
 * A flags object handed on from this node: `<Banner flags={flags} />`, `createElement(Banner, { flags })`,
 * `isBeta(flags)`. The component or function it goes to, declared in this project (here or imported), is
 * learned as a receiver: its prop or parameter is then a flags object there, with the same key transform.
 * A parameter of the function around the site (`(Component) => (props) => createElement(Component, {
 * ...props, flags })`) makes that function a flags HOC, as `withLDConsumer` is. A site handing a learned
 * receiver anything else under the same prop or parameter marks it `mixed`, and it is not followed: reads
 * of a prop that is sometimes a flags object and sometimes not are not flag reads.
 */
export function learnPassedOn(node: ts.Node, site: PassSite): LearnedAccessorConfig[] {
  const handed = handedOn(node);
  if (handed === undefined) return [];
  const learned: LearnedAccessorConfig[] = [];
  for (const { slot, value } of handed.values) {
    const matcher = site.tracker.flagsObjectOf(value);
    if (matcher !== undefined) {
      const hoc = "prop" in slot ? hocAround(handed.target) : undefined;
      if (hoc !== undefined && "prop" in slot) {
        learned.push({ ...baseOf(matcher), flagsObject: hoc, prop: slot.prop });
        continue;
      }
      const declared = resolveDeclaration(handed.target, site);
      if (declared !== undefined) learned.push({ ...baseOf(matcher), flagsObject: declared.name, ...slot, receives: true, module: declared.module });
      continue;
    }
    if (!mayBeReceiver(handed.target, site)) continue;
    const declared = resolveDeclaration(handed.target, site);
    if (declared === undefined) continue;
    for (const known of site.receivers.get(declared.name) ?? []) {
      const config = known.config as LearnedAccessorConfig & FlagsObjectAccessorConfig;
      if (config.module !== declared.module || config.mixed === true || !sameSlot(config, slot)) continue;
      learned.push({ ...config, mixed: true });
    }
  }
  return learned;
}

/**
 * A function that returns a flags object (`export const useAppFlags = () => useFlags()`, `function
 * getFlags() { const flags = ldClient.allFlags(); return flags; }`) is learned as an accessor of the same
 * form: its callers' `const { x } = useAppFlags()` read flags, with the same key transform.
 */
export function learnReturnedFlags(node: ts.Node, site: PassSite): LearnedAccessorConfig[] {
  let returned: ts.Expression | undefined;
  let fn: ts.Node | undefined;
  if (ts.isReturnStatement(node) && node.expression) {
    returned = node.expression;
    for (fn = node.parent; fn && !ts.isFunctionLike(fn); fn = fn.parent);
  } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
    returned = node.body;
    fn = node;
  }
  if (!returned || !fn) return [];
  const matcher = site.tracker.flagsObjectOf(returned);
  const name = matcher && functionName(fn);
  return name === undefined ? [] : [{ ...baseOf(matcher!), flagsObject: name }];
}

/** The name a top-level function is declared or assigned under. */
function functionName(fn: ts.Node): string | undefined {
  if (ts.isFunctionDeclaration(fn) && ts.isSourceFile(fn.parent)) return fn.name?.text;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !ts.isSourceFile(declaration.parent.parent.parent)) return undefined;
  return declaration.name.text;
}

/** The learned config's shape, carried from the object handed on: key transform, pattern, kind, returns. */
function baseOf(matcher: FlagsObjectMatcher): Omit<LearnedAccessorConfig & FlagsObjectAccessorConfig, "flagsObject"> {
  const config = matcher.config as LearnedAccessorConfig & FlagsObjectAccessorConfig;
  const base: LearnedAccessorConfig & FlagsObjectAccessorConfig = { ...config, wraps: config.wraps ?? config.flagsObject };
  delete base.prop;
  delete base.param;
  delete base.receives;
  delete base.module;
  delete base.mixed;
  const { flagsObject: _, ...rest } = base;
  return rest;
}

function sameSlot(config: LearnedAccessorConfig & FlagsObjectAccessorConfig, slot: Slot): boolean {
  return "prop" in slot ? config.prop === slot.prop : config.param === slot.param;
}

/** The component or function a node hands values to, and which values under which slot. */
function handedOn(node: ts.Node): { target: ts.Identifier; values: Array<{ slot: Slot; value: ts.Expression }> } | undefined {
  if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
    if (!ts.isIdentifier(node.tagName)) return undefined;
    const values: Array<{ slot: Slot; value: ts.Expression }> = [];
    for (const attribute of node.attributes.properties) {
      if (!ts.isJsxAttribute(attribute) || !ts.isIdentifier(attribute.name)) continue;
      const initializer = attribute.initializer;
      if (initializer && ts.isJsxExpression(initializer) && initializer.expression) values.push({ slot: { prop: attribute.name.text }, value: initializer.expression });
    }
    return { target: node.tagName, values };
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (calleeName === "createElement") {
    const [component, props] = node.arguments;
    if (!component || !ts.isIdentifier(component) || !props || !ts.isObjectLiteralExpression(props)) return undefined;
    const values: Array<{ slot: Slot; value: ts.Expression }> = [];
    for (const property of props.properties) {
      if (ts.isShorthandPropertyAssignment(property)) values.push({ slot: { prop: property.name.text }, value: property.name });
      else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        values.push({ slot: { prop: property.name.text }, value: property.initializer });
      }
    }
    return { target: component, values };
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const values: Array<{ slot: Slot; value: ts.Expression }> = [];
  node.arguments.forEach((argument, param) => {
    if (!ts.isSpreadElement(argument)) values.push({ slot: { param }, value: argument });
  });
  return { target: callee, values };
}

/** Whether the name can be a learned receiver at all (most call sites' names are not one). */
function mayBeReceiver(target: ts.Identifier, site: PassSite): boolean {
  if (site.receivers.size === 0) return false;
  if (site.receivers.has(target.text)) return true;
  const imported = site.module.imports.get(target.text);
  if (imported === undefined) return false;
  if (imported.imported !== "default") return site.receivers.has(imported.imported);
  // A default import under another name: only a receiver's own file is worth following (no parse here).
  const file = site.graph.resolver.resolve(site.module.path, imported.specifier);
  if (file === undefined) return false;
  const relative = relativeTo(site, file);
  return [...site.receivers.values()].some((matchers) => matchers.some((m) => (m.config as LearnedAccessorConfig).module === relative));
}

function relativeTo(site: PassSite, file: string): string {
  const root = site.module.path.slice(0, site.module.path.length - site.relativePath.length);
  return path.relative(root, path.resolve(file)).split(path.sep).join("/");
}

/** The named function whose parameter `target` is: `const withFlags = (Component) => ...`. */
function hocAround(target: ts.Identifier): string | undefined {
  const declared = declaredIdentifier(target);
  const parameter = declared?.parent;
  if (!parameter || !ts.isParameter(parameter) || parameter.name !== declared) return undefined;
  const fn = parameter.parent;
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/**
 * The top-level declaration `target` names, in this file or (through imports and re-exports) in another
 * project file: its file relative to the root, and its name there. A local of an inner scope or a package's
 * export is not a receiver flag-scan can follow.
 */
function resolveDeclaration(target: ts.Identifier, site: PassSite): { module: string; name: string } | undefined {
  const local = declaredIdentifier(target);
  const { module } = site;
  if (local !== undefined) {
    const declaration = local.parent;
    const topLevel = ts.isVariableDeclaration(declaration) && declaration.name === local && ts.isSourceFile(declaration.parent.parent.parent);
    return topLevel ? { module: site.relativePath, name: target.text } : undefined;
  }
  if (module.declarations.has(target.text)) return { module: site.relativePath, name: target.text };
  const binding = module.imports.get(target.text);
  if (binding === undefined) return undefined;
  const found = site.graph.resolveImport(module, binding);
  if (found === undefined || !("local" in found) || !found.module.declarations.has(found.local)) return undefined;
  return { module: relativeTo(site, found.module.path), name: found.local };
}
