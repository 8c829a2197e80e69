import path from "node:path";
import { ModuleResolver } from "../../scan/module-resolver.js";
import { factsOf, type FileFacts } from "./facts.js";
import { keysOfFile } from "./lazy-usage.js";

const CODE = /\.[cm]?[jt]sx?$/;

/** What the deep cleanup removed beyond the per-file rewrite: files, and exports of files that stay. */
export interface Removals {
  files: Set<string>;
  exports: Map<string, Set<string>>;
}

/** A removal the re-check refuses, and who still needs it. */
export interface Refusal {
  file: string;
  /** Undefined: the whole file. */
  name: string | undefined;
  user: string;
  why: "import" | "name";
}

/**
 * The re-check before writing: a fresh search of the project as it will be written (`finalText`), with a
 * new resolver and no state from the analysis, for any remaining reference to what the deep cleanup
 * removes. A file still imported, an export still imported or re-exported, and a name still spelled as a
 * string (a `getComponent("OldHome")` registry, which no import shows) is refused. Every file is searched
 * by text; only the files whose text names a removed module and (for an export) the name are parsed.
 */
export function recheckRemovals(
  root: string,
  files: readonly string[],
  finalText: (file: string) => string | undefined,
  beforeText: (file: string) => string | undefined,
  removals: Removals,
): Refusal[] {
  const resolver = new ModuleResolver(root);
  const refusals: Refusal[] = [];
  // A file can only reach a module through a quoted string ending in the module's name (`"./Old"`,
  // `'../old/index.js'`, `"@app/old"`), or `"."`/`".."` for a folder's index: searched in the raw text,
  // whatever the import syntax around it.
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patternOf = (file: string): RegExp => {
    const keys = keysOfFile(file).filter((key) => key !== "index");
    const isIndex = path.basename(file).replace(CODE, "") === "index";
    const named = `[^"'\`\n]*\\b(?:${[...keys, isIndex ? "index" : ""].filter(Boolean).map(escape).join("|")})(?:\\.[\\w]+)*(?:/index(?:\\.[\\w]+)?)?/?`;
    return new RegExp(`["'\`]((?:${named}${isIndex ? "|(?:\\.{1,2}/?)+" : ""}))["'\`]`, "g");
  };
  // A relative specifier names the module only if its path is the module's (no disk access to tell);
  // any other (tsconfig paths, packages) is left to the resolver.
  const baseOf = (file: string): string => {
    const stem = file.replace(CODE, "");
    return path.basename(stem) === "index" ? path.dirname(stem) : stem;
  };
  const mayName = (from: string, specifier: string, target: string): boolean => {
    if (!specifier.startsWith(".")) return true;
    const resolved = path.resolve(path.dirname(from), specifier).replace(/\/index$/, "").replace(CODE, "").replace(/\/index$/, "");
    return resolved === baseOf(target) || resolved === target || resolved === baseOf(target) + "/index";
  };
  const names = (pattern: RegExp, text: string): string[] => [...text.matchAll(pattern)].map((m) => m[1]!);
  // An import of the module that can reach every export: a namespace, `import()`, `require()`.
  const wholeOf = (pattern: RegExp): RegExp => new RegExp(`(?:\\*\\s*as\\s+[\\w$]+\\s+from|\\bimport\\s*\\(|\\brequire\\s*\\(|\\bimport)\\s*${pattern.source}`);
  const removedNames = new Map<string, string>();
  for (const file of removals.files) {
    const facts = factsAt(file, beforeText(file));
    for (const name of facts?.info.exports.keys() ?? []) if (name !== "default" && /^[A-Z][\w$]{3,}$/.test(name)) removedNames.set(name, file);
  }
  const targets = [...removals.files, ...removals.exports.keys()];
  const checks = targets.map((target) => {
    const pattern = patternOf(target);
    return { target, keys: keysOfFile(target).filter((key) => key !== "index"), pattern, whole: wholeOf(pattern), names: removals.files.has(target) ? undefined : removals.exports.get(target) };
  });
  for (const file of files) {
    if (!CODE.test(file) || removals.files.has(file)) continue;
    const text = finalText(file);
    if (text === undefined) continue;
    const mentioned = checks.filter(
      (check) =>
        (check.keys.length === 0 || check.keys.some((key) => text.includes(key))) &&
        names(check.pattern, text).some((specifier) => mayName(file, specifier, check.target)) &&
        (check.names === undefined || [...check.names].some((name) => name === "default" || text.includes(name)) || check.whole.test(text)),
    );
    const mentionsModule = mentioned.length > 0;
    const mentionedKeys = new Set(mentioned.flatMap((check) => keysOfFile(check.target)));
    const spelled = [...removedNames.keys()].filter((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`) || text.includes(`\`${name}\``));
    if (!mentionsModule && spelled.length === 0) continue;
    const facts = factsAt(file, text);
    if (facts === undefined) continue;
    for (const name of spelled) if (facts.strings.has(name)) refusals.push({ file: removedNames.get(name)!, name: undefined, user: file, why: "name" });
    if (!mentionsModule) continue;
    // Only a specifier that can name a mentioned module is resolved (each resolution probes the disk).
    const at = (specifier: string): string | undefined => {
      if (!/^(\.{1,2}\/?)+$/.test(specifier)) {
        const last = path.basename(specifier).replace(CODE, "");
        const key = last === "index" ? path.basename(path.dirname(specifier)) : last;
        if (!mentionedKeys.has(key) && !mentionedKeys.has(path.basename(specifier))) return undefined;
      }
      return resolver.resolve(file, specifier);
    };
    for (const edge of facts.edges) {
      const target = at(edge.specifier);
      if (target === undefined) continue;
      if (removals.files.has(target)) refusals.push({ file: target, name: undefined, user: file, why: "import" });
      const gone = removals.exports.get(target);
      for (const name of edge.names) if (gone?.has(name)) refusals.push({ file: target, name, user: file, why: "import" });
      if (gone !== undefined && edge.names.includes("*")) refusals.push({ file: target, name: [...gone][0], user: file, why: "import" });
    }
    for (const [, binding] of facts.info.exports) {
      if (binding.kind !== "reexport") continue;
      const target = at(binding.specifier);
      if (target === undefined) continue;
      if (removals.files.has(target)) refusals.push({ file: target, name: undefined, user: file, why: "import" });
      if (removals.exports.get(target)?.has(binding.imported)) refusals.push({ file: target, name: binding.imported, user: file, why: "import" });
    }
    for (const specifier of facts.info.starExports) {
      const target = at(specifier);
      if (target !== undefined && removals.files.has(target)) refusals.push({ file: target, name: undefined, user: file, why: "import" });
    }
  }
  return refusals;
}

function factsAt(file: string, text: string | undefined): FileFacts | undefined {
  if (text === undefined || !CODE.test(file)) return undefined;
  return factsOf(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
}
