import path from "node:path";
import type { ModuleResolver } from "../../scan/module-resolver.js";
import type { FileFacts } from "./facts.js";

/** The project before the cleanup, or as the cleanup has left it so far. */
export type World = "before" | "now";

/** One module specifier as a file's text spells it, found without parsing. */
interface Occurrence {
  specifier: string;
  /** `import x from`, `import { a } from`: the clause, to tell which names it may bind. */
  clause?: string;
  /** `export ... from`: a re-export, whose use depends on the re-exporter's users. */
  reexport: boolean;
  /** A side-effect import, `import()` or `require()`: uses every export. */
  whole: boolean;
}

// Every way a file names another module that the parsed facts count (facts.ts, collectModuleInfo). A text
// match in a comment is harmless: every candidate is parsed before it counts.
const FROM = /\b(import|export)\s+([^;'"`]*?)\s*\bfrom\s*(["'])([^"'\n]+)\3/g;
const BARE_IMPORT = /\bimport\s*(["'])([^"'\n]+)\1/g;
const CALL = /\b(?:import|require)\s*\(\s*(?:\/\*[\s\S]*?\*\/\s*)*(["'`])([^"'`\n]+)\1/g;
const CODE_EXTENSION = /\.[cm]?[jt]sx?$/;

function occurrencesOf(text: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const m of text.matchAll(FROM)) found.push({ specifier: m[4]!, clause: m[2]!, reexport: m[1] === "export", whole: false });
  for (const m of text.matchAll(BARE_IMPORT)) found.push({ specifier: m[2]!, reexport: false, whole: true });
  for (const m of text.matchAll(CALL)) found.push({ specifier: m[2]!, reexport: false, whole: true });
  return found;
}

/** The last path segment a specifier or file is known by: `./Foo.js`, `../Foo` and `Foo.tsx` are all `Foo`. */
function keyOf(base: string): string {
  return path.basename(base).replace(CODE_EXTENSION, "");
}

/** The keys a specifier resolving to `file` can end in: its stem, and its folder's name for an index file. */
export function keysOfFile(file: string): string[] {
  const stem = keyOf(file);
  if (stem !== "index") return [stem];
  const folder = path.basename(path.dirname(file));
  // `packages/ui/src/index.ts` is also reached as `…/ui` (a package's source folder).
  return folder === "src" ? ["index", folder, path.basename(path.dirname(path.dirname(file)))] : ["index", folder];
}

interface Resolved {
  edges: Array<{ target: string; names: string[] }>;
  /** `export { imported as exported } from target`. */
  reexports: Array<{ target: string; exported: string; imported: string }>;
  stars: string[];
}

/**
 * Who uses what of a module, answered on demand. A cheap text index (the specifiers each file spells) finds
 * the files that may import a module; only those are parsed, and only when a question needs them: a file
 * whose import of a module binds neither the asked name, a namespace, nor the default is never parsed for
 * it. Files the cleanup has not changed read the same in both worlds; the changed ones (`varying`) are
 * asked directly.
 */
export class LazyUsage {
  private readonly index = new Map<string, Map<string, Occurrence[]>>();
  /** Each file's specifier occurrences (before the cleanup). */
  private readonly occurrences = new Map<string, Occurrence[]>();
  private bareTargets: Map<string, Array<{ file: string; occurrence: Occurrence }>> | undefined;
  private readonly resolved = new WeakMap<FileFacts, Resolved>();
  private readonly memo = { before: new Map<string, boolean>(), now: new Map<string, boolean>() };
  private readonly candidateCache = new Map<string, Array<{ file: string; occurrences: Occurrence[] }>>();
  /** How many unchanged files were parsed to answer questions (the cost the text index saves). */
  parsed = new Set<string>();

  constructor(
    private readonly files: readonly string[],
    private readonly readBefore: (file: string) => string | undefined,
    private readonly factsIn: (world: World, file: string) => FileFacts | undefined,
    private readonly resolver: ModuleResolver,
    private readonly roots: { has(file: string): boolean },
    /** Files whose text differs between the worlds (deleted included); grows as the cleanup goes. */
    private readonly varying: ReadonlySet<string>,
    private readonly isSource: (file: string) => boolean,
  ) {
    for (const file of files) {
      const text = readBefore(file);
      if (text === undefined) continue;
      const found = occurrencesOf(text);
      this.occurrences.set(file, found);
      for (const occurrence of found) {
        const spec = occurrence.specifier;
        const relative = spec.startsWith(".") || path.isAbsolute(spec);
        // A package name (`react`, `@acme/ui`) is resolved eagerly (few distinct ones); a deeper bare path
        // (`@dashboard/orders/urls`, through tsconfig paths) is found by its last segment, like a relative one.
        const isPackageName = !relative && (spec.startsWith("@") ? spec.split("/").length <= 2 : !spec.includes("/"));
        const key = relative ? keyOf(path.resolve(path.dirname(file), spec)) : isPackageName ? "\0bare" : keyOf(spec);
        let byFile = this.index.get(key);
        if (byFile === undefined) this.index.set(key, (byFile = new Map()));
        let list = byFile.get(file);
        if (list === undefined) byFile.set(file, (list = []));
        list.push(occurrence);
      }
    }
  }

  /** The world `now` changed: answers about it are asked again. */
  invalidateNow(): void {
    this.memo.now.clear();
  }

  /** Unchanged files whose text spells a specifier resolving to `target`, with those specifiers. */
  private unchangedCandidates(target: string): Array<{ file: string; occurrences: Occurrence[] }> {
    let all = this.candidateCache.get(target);
    if (all === undefined) {
      all = [];
      for (const key of keysOfFile(target)) {
        for (const [file, occurrences] of this.index.get(key) ?? []) {
          const hits = occurrences.filter((o) => this.resolver.resolve(file, o.specifier) === target);
          if (hits.length > 0) all.push({ file, occurrences: hits });
        }
      }
      for (const { file, occurrence } of this.bare().get(target) ?? []) {
        const known = all.find((c) => c.file === file);
        if (known) known.occurrences.push(occurrence);
        else all.push({ file, occurrences: [occurrence] });
      }
      this.candidateCache.set(target, all);
    }
    return all.filter((c) => !this.varying.has(c.file));
  }

  /** Non-relative specifiers (tsconfig paths, baseUrl, workspace packages): few distinct ones, resolved once. */
  private bare(): Map<string, Array<{ file: string; occurrence: Occurrence }>> {
    if (this.bareTargets === undefined) {
      this.bareTargets = new Map();
      for (const [file, occurrences] of this.index.get("\0bare") ?? []) {
        for (const occurrence of occurrences) {
          const target = this.resolver.resolve(file, occurrence.specifier);
          if (target === undefined) continue;
          const list = this.bareTargets.get(target) ?? [];
          list.push({ file, occurrence });
          this.bareTargets.set(target, list);
        }
      }
    }
    return this.bareTargets;
  }

  private resolve(file: string, facts: FileFacts): Resolved {
    let known = this.resolved.get(facts);
    if (known === undefined) {
      const at = (specifier: string) => this.resolver.resolve(file, specifier);
      known = { edges: [], reexports: [], stars: [] };
      for (const edge of facts.edges) {
        const target = at(edge.specifier);
        if (target !== undefined) known.edges.push({ target, names: edge.names });
      }
      for (const [exported, binding] of facts.info.exports) {
        if (binding.kind !== "reexport") continue;
        const target = at(binding.specifier);
        if (target !== undefined) known.reexports.push({ target, exported, imported: binding.imported });
      }
      for (const specifier of facts.info.starExports) {
        const target = at(specifier);
        if (target !== undefined) known.stars.push(target);
      }
      this.resolved.set(facts, known);
    }
    return known;
  }

  private unchangedFacts(file: string): FileFacts | undefined {
    this.parsed.add(file);
    return this.factsIn("before", file);
  }

  /** The files that may use `target` in `world`: the changed ones that do, and the unchanged candidates. */
  private *users(world: World, target: string, wants: (o: Occurrence) => boolean): Generator<{ file: string; facts: FileFacts }> {
    for (const file of this.varying) {
      const facts = this.factsIn(world, file);
      if (facts === undefined) continue;
      const r = this.resolve(file, facts);
      if (r.edges.some((e) => e.target === target) || r.reexports.some((e) => e.target === target) || r.stars.includes(target)) yield { file, facts };
    }
    for (const { file, occurrences } of this.unchangedCandidates(target)) {
      if (!occurrences.some(wants)) continue;
      const facts = this.unchangedFacts(file);
      if (facts !== undefined) yield { file, facts };
    }
  }

  /** Whether some code uses export `name` of `target` in `world` (`*`: the whole module, as a namespace or import()). */
  isUsed(world: World, target: string, name: string): boolean {
    if (this.roots.has(target)) return true;
    const key = `${target}\0${name}`;
    const memo = this.memo[world];
    const known = memo.get(key);
    if (known !== undefined) return known;
    // A re-export cycle answers "used" while it is being asked: keeping is the safe side.
    memo.set(key, true);
    const answer = this.usedBy(world, target, name, true).next().done !== true;
    memo.set(key, answer);
    return answer;
  }

  /** The files through which `name` of `target` is used in `world` (all of them, or the first when `first`). */
  *usedBy(world: World, target: string, name: string, first = false): Generator<string> {
    let word: RegExp | undefined;
    const mayBind = (o: Occurrence): boolean => {
      if (o.whole || o.reexport || o.clause === undefined) return true;
      const clause = o.clause.replace(/^type\s+/, "");
      if (clause.includes("*")) return true;
      if (name === "*") return false;
      if (name === "default") return /^[\w$]/.test(clause) || /\bdefault\b/.test(clause);
      return (word ??= new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}($|[^\\w$])`)).test(clause);
    };
    for (const { file, facts } of this.users(world, target, mayBind)) {
      const r = this.resolve(file, facts);
      let uses = false;
      if (this.isSource(file)) uses = r.edges.some((e) => e.target === target && (e.names.includes(name) || e.names.includes("*")));
      if (!uses)
        uses = r.reexports.some((e) => e.target === target && (e.imported === name || e.imported === "*") && (this.isUsed(world, file, e.exported) || this.isUsed(world, file, "*")));
      if (!uses && r.stars.includes(target)) {
        if (name === "*") uses = this.isUsed(world, file, "*");
        else if (name !== "default" && !facts.info.exports.has(name)) uses = this.isUsed(world, file, name) || this.isUsed(world, file, "*");
      }
      if (uses) {
        yield file;
        if (first) return;
      }
    }
  }

  /** Whether anything uses `target` at all in `world`, a plain `import "./x"` included. */
  hasUser(world: World, target: string): boolean {
    return this.anyUsers(world, target, true).length > 0;
  }

  /** Every file that uses anything of `target` in `world`. */
  allUsers(world: World, target: string): Set<string> {
    return new Set(this.anyUsers(world, target, false));
  }

  private anyUsers(world: World, target: string, first: boolean): string[] {
    if (this.roots.has(target)) return [target];
    const found: string[] = [];
    for (const { file, facts } of this.users(world, target, () => true)) {
      const r = this.resolve(file, facts);
      let uses = this.isSource(file) && r.edges.some((e) => e.target === target);
      if (!uses) uses = r.reexports.some((e) => e.target === target && (this.isUsed(world, file, e.exported) || this.isUsed(world, file, "*")));
      if (!uses && r.stars.includes(target)) uses = this.isUsed(world, file, "*") || this.exportedNames(target).some((n) => n !== "default" && !facts.info.exports.has(n) && this.isUsed(world, file, n));
      if (uses) {
        found.push(file);
        if (first) break;
      }
    }
    return found;
  }

  /** The names `target` exports, through its own `export *` too. */
  exportedNames(target: string, depth = 0): string[] {
    const facts = this.factsIn("now", target) ?? this.factsIn("before", target);
    if (facts === undefined || depth > 10) return [];
    const names = [...facts.info.exports.keys()];
    for (const next of this.resolve(target, facts).stars) names.push(...this.exportedNames(next, depth + 1));
    return names;
  }

  /** The targets of `file`'s imports and re-exports in `world`. */
  targetsOf(world: World, file: string): string[] {
    const facts = this.factsIn(world, file);
    if (facts === undefined) return [];
    const r = this.resolve(file, facts);
    return [...r.edges.map((e) => e.target), ...r.reexports.map((e) => e.target), ...r.stars];
  }

  /** What `file` uses in `world`: each target with the names (`*` all, `""` only loading it), re-exports included. */
  namesUsedBy(world: World, file: string): Array<[string, string[]]> {
    const facts = this.factsIn(world, file);
    if (facts === undefined) return [];
    const r = this.resolve(file, facts);
    return [
      ...r.edges.map((e): [string, string[]] => [e.target, e.names.length === 0 ? [""] : e.names]),
      ...r.reexports.map((e): [string, string[]] => [e.target, [e.imported]]),
      ...r.stars.map((target): [string, string[]] => [target, ["*"]]),
    ];
  }

  /** Whether `file`'s text has a re-export line (by the text index: no parse). */
  mayReexport(file: string): boolean {
    return this.occurrences.get(file)?.some((o) => o.reexport) ?? true;
  }

  /** Where the names `names` of `file` come from through its re-exports, in both worlds. */
  reexportedNames(file: string, names: ReadonlySet<string>): Array<[string, string[]]> {
    const out: Array<[string, string[]]> = [];
    const all = names.has("*");
    for (const world of ["before", "now"] as const) {
      const facts = this.factsIn(world, file);
      if (facts === undefined) continue;
      const r = this.resolve(file, facts);
      for (const e of r.reexports) if (all || names.has(e.exported)) out.push([e.target, [e.imported]]);
      const own = [...names].filter((name) => name === "*" || (name !== "" && name !== "default" && !facts.info.exports.has(name)));
      if (own.length > 0) for (const target of r.stars) out.push([target, own]);
    }
    return out;
  }

  /** The re-export targets of `file` (both worlds): their use flows through it. */
  reexportTargetsOf(file: string): string[] {
    const out: string[] = [];
    for (const world of ["before", "now"] as const) {
      const facts = this.factsIn(world, file);
      if (facts === undefined) continue;
      const r = this.resolve(file, facts);
      out.push(...r.reexports.map((e) => e.target), ...r.stars);
    }
    return out;
  }

  /** Files (not changed so far) whose text names `target` in an import or re-export: for their re-export lines. */
  reexportersOf(target: string): string[] {
    return this.unchangedCandidates(target).filter((c) => c.occurrences.some((o) => o.reexport)).map((c) => c.file);
  }

  /** Files (changed or not) that may import `target`, tests included: for tests of deleted files. */
  importCandidates(target: string): string[] {
    return [...new Set([...this.unchangedCandidates(target).map((c) => c.file), ...[...this.varying].filter((file) => this.targetsOf("before", file).includes(target))])];
  }
}
