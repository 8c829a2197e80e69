import type { ModuleResolver } from "../../scan/module-resolver.js";
import type { FileFacts } from "./facts.js";

/** Who uses what of each module: target -> exported name (`*` = all) -> the files whose code uses it. */
export type Usage = Map<string, Map<string, Set<string>>>;

/**
 * Marks what every `source` file imports, then follows re-exports and `export *` of the modules whose names
 * are used. A re-export line keeps its target alive only while a name through it is used.
 */
export function computeUsage(
  sources: Iterable<string>,
  factsOf: (file: string) => FileFacts | undefined,
  resolver: ModuleResolver,
  roots: ReadonlySet<string>,
): Usage {
  const usage: Usage = new Map();
  const queue: Array<[target: string, name: string, by: string]> = [];
  const mark = (target: string, name: string, by: string): void => {
    let names = usage.get(target);
    if (names === undefined) usage.set(target, (names = new Map()));
    let users = names.get(name);
    if (users === undefined) {
      names.set(name, (users = new Set()));
      queue.push([target, name, by]);
    }
    users.add(by);
  };
  for (const source of sources) {
    const facts = factsOf(source);
    if (facts === undefined) continue;
    for (const edge of facts.edges) {
      const target = resolver.resolve(source, edge.specifier);
      if (target === undefined) continue;
      if (edge.names.length === 0) mark(target, "", source);
      for (const name of edge.names) mark(target, name, source);
    }
  }
  for (const root of roots) mark(root, "*", root);
  while (queue.length > 0) {
    const [target, name] = queue.pop()!;
    const facts = factsOf(target);
    if (facts === undefined || name === "") continue;
    const { info } = facts;
    const follow = (exported: string): void => {
      const binding = info.exports.get(exported);
      if (binding?.kind === "reexport") {
        const next = resolver.resolve(target, binding.specifier);
        if (next !== undefined) mark(next, binding.imported, target);
      } else if (binding === undefined && exported !== "default") {
        for (const specifier of info.starExports) {
          const next = resolver.resolve(target, specifier);
          if (next !== undefined && exportsName(next, exported, factsOf, resolver)) mark(next, exported, target);
        }
      }
    };
    if (name === "*") {
      for (const exported of info.exports.keys()) follow(exported);
      for (const specifier of info.starExports) {
        const next = resolver.resolve(target, specifier);
        if (next !== undefined) mark(next, "*", target);
      }
    } else follow(name);
  }
  return usage;
}

function exportsName(file: string, name: string, factsOf: (file: string) => FileFacts | undefined, resolver: ModuleResolver, depth = 0): boolean {
  const facts = factsOf(file);
  if (facts === undefined) return true; // unknown: keep it
  if (facts.info.exports.has(name)) return true;
  if (depth > 10) return true;
  return facts.info.starExports.some((specifier) => {
    const next = resolver.resolve(file, specifier);
    return next !== undefined && exportsName(next, name, factsOf, resolver, depth + 1);
  });
}

/** Every file that uses anything of `target` (including plain loading). */
export function usersOf(usage: Usage, target: string): Set<string> {
  const users = new Set<string>();
  for (const set of usage.get(target)?.values() ?? []) for (const user of set) users.add(user);
  return users;
}
