import ts from "../../typescript-api.cjs";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { CleanupProblem, DeepChange, DeepCleanInput, DeepCleanOutput } from "../../../language.js";
import { ModuleResolver } from "../../scan/module-resolver.js";
import { DEFAULT_CATALOGS, removeCatalogKeys } from "./catalogs.js";
import { pruneUnused, removeExport, removeReexportsOf } from "./edits.js";
import { foldLocally } from "./local-folds.js";
import { entriesRead, messageDescriptors, removeEntries, removeUnusedPrivateMembers } from "./members.js";
import { factsOf as parseFacts, type FileFacts } from "./facts.js";
import { findRoots, isTestFile, subjectStemOf } from "./roots.js";
import { recheckRemovals, type Removals } from "./recheck.js";
import { findImportTimeSideEffect } from "./side-effects.js";
import { LazyUsage, type World } from "./lazy-usage.js";

const CODE = /\.[cm]?[jt]sx?$/;
const STYLE = /\.(css|scss|sass|less|styl|pcss)$/;

/**
 * The deep cleanup of TypeScript/JavaScript files: compares the module graph's uses before and after the
 * per-file rewrite and removes what only the removed code used (exports, then files, their styles, tests,
 * stories and snapshots, then catalog keys), until nothing more becomes dead. What nothing used before
 * stays: that is not this cleanup's change to make.
 */
export function deepClean(input: DeepCleanInput): DeepCleanOutput {
  const root = path.resolve(input.config.root);
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join("/");
  const abs = (relative: string): string => path.resolve(root, relative);
  const resolver = new ModuleResolver(root);
  const files = input.files.filter((file) => CODE.test(file) && !file.endsWith(".d.ts"));
  // Generated code is regenerated, not edited: its exports and the file itself stay.
  const isGenerated = (file: string): boolean => /[./-]generated\.|(^|\/)__generated__\//.test(rel(file)) || /@generated|do not edit/i.test((input.readBefore(file) ?? "").slice(0, 500));
  // Registry sources define the flags: they are edited by the registry step, never deleted here.
  const staticRoots = findRoots(root, files, resolver, [...(input.config.entry ?? []), ...input.config.registry.map((source) => source.path)]);
  // The modules that define the configured accessors are the flag system itself, kept whoever still calls
  // them. Asked only of the files the cleanup considers, so only those are parsed for it.
  const accessorNames = [...new Set(input.config.accessors.flatMap((accessor) => Object.values(accessor).filter((v): v is string => typeof v === "string").map((v) => v.split(".").pop()!)))];
  const accessorModule = new Map<string, boolean>();
  const isRoot = (file: string): boolean => {
    if (staticRoots.has(file)) return true;
    let known = accessorModule.get(file);
    if (known === undefined) {
      const text = CODE.test(file) ? input.readBefore(file) : undefined;
      known = false;
      // Parsed only when the text may declare or export an accessor's name.
      if (text !== undefined && accessorNames.some((name) => text.includes(name) && new RegExp(`\\b(?:const|let|var|function|class|as)\\s+${name.replace(/\$/g, "\\$")}\\b|\\bexport\\s*\\{[^}]*\\b${name.replace(/\$/g, "\\$")}\\b`).test(text))) {
        const facts = parseFacts(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
        known = [...facts.info.exports.keys()].some((name) => accessorNames.includes(name)) || ([...facts.info.declarations.keys()].some((name) => accessorNames.includes(name)) && facts.info.exports.size > 0);
      }
      accessorModule.set(file, known);
    }
    return known;
  };
  const problems: CleanupProblem[] = [];
  const reasons = new Map<string, string[]>();
  const addReason = (file: string, reason: string): void => {
    const list = reasons.get(file) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(file, list);
  };

  const before = (file: string): string | undefined => input.readBefore(file);
  const current = new Map<string, string | undefined>();
  for (const [file, text] of input.changed) current.set(abs(file), text);
  const foldChanged = new Set([...input.changed.keys()].map(abs));
  // Files whose text differs from before (deleted ones included): the only ones whose uses can differ.
  const varying = new Set(foldChanged);
  const deepEdited = new Set<string>();
  const textNow = (file: string): string | undefined => (current.has(file) ? current.get(file) : before(file));
  // Facts by world, remembered per file (the text comparison of the shared cache is not free either).
  const memoBefore = new Map<string, FileFacts | undefined>();
  const memoNow = new Map<string, { text: string | undefined; facts: FileFacts | undefined }>();
  const factsOfText = (file: string, text: string | undefined): FileFacts | undefined =>
    text === undefined || !CODE.test(file) ? undefined : parseFacts(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
  const factsBefore = (file: string): FileFacts | undefined => {
    if (!memoBefore.has(file)) memoBefore.set(file, factsOfText(file, before(file)));
    return memoBefore.get(file);
  };
  const factsNow = (file: string): FileFacts | undefined => {
    if (!current.has(file)) return factsBefore(file);
    const text = current.get(file);
    const known = memoNow.get(file);
    if (known !== undefined && known.text === text) return known.facts;
    const facts = factsOfText(file, text);
    memoNow.set(file, { text, facts });
    return facts;
  };
  const factsIn = (world: World, file: string): FileFacts | undefined => (world === "before" || !varying.has(file) ? factsBefore(file) : factsNow(file));
  const isSource = (file: string): boolean => !isTestFile(rel(file));
  const usage = new LazyUsage(files, before, factsIn, resolver, { has: isRoot }, varying, isSource);
  const setText = (file: string, text: string | undefined): void => {
    current.set(file, text);
    varying.add(file);
  };

  // What the fold left constant folds first: `x && false` leaves no JSX, and the JSX no import.
  for (const [relative, after] of input.changed) {
    const file = abs(relative);
    const old = before(file);
    if (after === undefined || old === undefined || !CODE.test(file)) continue;
    const oldFacts = factsBefore(file) ?? parseFacts(file, old);
    const { text: foldedText, folded } = foldLocally(file, old, after, oldFacts.identifiers);
    const { text, removed } = removeUnusedPrivateMembers(file, oldFacts, foldedText);
    if (folded.length === 0 && removed.length === 0) continue;
    setText(file, pruneUnused(file, oldFacts, text));
    if (folded.length > 0) addReason(file, `folded ${folded.map((f) => `\`${f}\``).join(", ")}, which the flag's removal left constant`);
    if (removed.length > 0) addReason(file, `private member${removed.length === 1 ? "" : "s"} ${removed.map((m) => `\`${m}\``).join(", ")} only used by the removed code`);
  }

  // `defineMessages` entries that only removed code read, in the file itself or through its importers.
  const messagesRead = (world: World, target: string, name: string): Set<string> | "all" => {
    const keys = new Set<string>();
    const add = (read: Set<string> | "all"): boolean => {
      if (read === "all") return false;
      for (const key of read) keys.add(key);
      return true;
    };
    const own = factsIn(world, target);
    if (own !== undefined && !add(entriesRead(own, name))) return "all";
    for (const user of usage.usedBy(world, target, name)) {
      if (user === target) continue;
      const facts = factsIn(world, user);
      if (facts === undefined) continue;
      const locals = [...facts.info.imports].filter(([, binding]) => (binding.imported === name || binding.imported === "*") && resolver.resolve(user, binding.specifier) === target);
      if (locals.length === 0 || locals.some(([, binding]) => binding.imported === "*")) return "all";
      for (const [local] of locals) if (!add(entriesRead(facts, local))) return "all";
    }
    return keys;
  };
  let interest = new Map<string, Set<string>>();
  const pruneMessages = (target: string): boolean => {
    const text = textNow(target);
    if (text === undefined || !text.includes("defineMessages") || !CODE.test(target) || isRoot(target)) return false;
    let changed = false;
    const names = interest.get(target);
    for (const name of messageDescriptors(factsNow(target)!).keys()) {
      // Only an object some changed file read before (or this file, when the cleanup changed it).
      if (!varying.has(target) && !names?.has(name) && !names?.has("*")) continue;
      const now = messagesRead("now", target, name);
      if (now === "all") continue;
      const before = messagesRead("before", target, name);
      const object = messageDescriptors(factsNow(target)!).get(name)!;
      const lost = new Set(object.properties.map((p) => (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : "")).filter((key) => key !== "" && (before === "all" || before.has(key)) && !now.has(key)));
      if (lost.size === 0) continue;
      setText(target, removeEntries(factsNow(target)!, object, lost));
      addReason(target, `message${lost.size === 1 ? "" : "s"} ${[...lost].map((k) => `\`${name}.${k}\``).join(", ")} only used by removed code`);
      changed = true;
    }
    return changed;
  };

  const reported = new Set<string>();
  const describeUsers = (users: Iterable<string>, depth = 0): string => {
    const sorted = [...users].sort();
    const parts = sorted.slice(0, 2).map((user) => {
      if (textNow(user) === undefined) return `${rel(user)}, which the cleanup deletes`;
      if (foldChanged.has(user)) return `the removed branch of ${rel(user)}`;
      // A re-exporting index: name whom it re-exported for (one level: a reason is one line).
      const forWhom = usage.allUsers("before", user);
      forWhom.delete(user);
      if (depth === 0 && forWhom.size > 0 && !deepEdited.has(user)) return `${rel(user)}, re-exporting for ${describeUsers(forWhom, depth + 1)}`;
      return `code the cleanup removed from ${rel(user)}`;
    });
    if (sorted.length > 2) parts.push(`${sorted.length - 2} more`);
    return parts.join(" and ");
  };

  // Only the modules a changed file imports (or imported) can have lost a user; and through a re-export,
  // the modules it re-exports.
  let touched = new Set(varying);
  const deleted = new Set([...current].filter(([, text]) => text === undefined).map(([file]) => file));
  const removedExports = new Map<string, Set<string>>();
  for (let round = 0; round < 50 && touched.size > 0; round++) {
    usage.invalidateNow();
    // The modules whose users may have changed, each with the names that may have lost one (`*`: any).
    interest = new Map<string, Set<string>>();
    const queue: Array<[target: string, names: Iterable<string>]> = [];
    for (const file of touched) for (const world of ["before", "now"] as const) queue.push(...usage.namesUsedBy(world, file));
    while (queue.length > 0) {
      const [target, names] = queue.pop()!;
      if (isRoot(target)) continue;
      let known = interest.get(target);
      if (known === undefined) interest.set(target, (known = new Set()));
      const added = [...names].filter((name) => !known!.has(name));
      if (added.length === 0 && known.size > 0) continue;
      for (const name of added) known.add(name);
      // Through a re-export, the use of a name flows on to the module it comes from.
      if (usage.mayReexport(target)) queue.push(...usage.reexportedNames(target, new Set(added)));
    }
    const dirty = new Set(interest.keys());
    touched = new Set();
    const candidates = [...dirty].filter((target) => target.startsWith(root + path.sep) && textNow(target) !== undefined && !isTestFile(rel(target)) && !isGenerated(target)).sort();
    // Files that lost their last user.
    for (const target of candidates) {
      if (!CODE.test(target) && !STYLE.test(target)) continue;
      if (!usage.hasUser("before", target) || usage.hasUser("now", target)) continue;
      // The module that spells the flag's key is where flags are declared: the registry step edits it.
      if (CODE.test(target) && before(target)?.includes(input.flag) && factsBefore(target)?.strings.has(input.flag)) continue;
      const facts = factsNow(target);
      const effect = facts && findImportTimeSideEffect(facts.sourceFile);
      if (effect !== undefined) {
        if (!reported.has(target)) {
          reported.add(target);
          const { line, character } = facts!.sourceFile.getLineAndCharacterOfPosition(effect.getStart(facts!.sourceFile));
          problems.push({ file: rel(target), line: line + 1, column: character + 1, message: `not deleted: nothing imports it after the cleanup, but it does something when imported; delete it by hand if that is not needed` });
        }
        continue;
      }
      addReason(target, `only imported by ${describeUsers(usage.allUsers("before", target))}`);
      setText(target, undefined);
      deleted.add(target);
      touched.add(target);
    }
    // Exports that lost their last user, in files that stay.
    for (const target of candidates) {
      // A file nothing uses now that stays (it does something when imported) keeps its exports too.
      if (!CODE.test(target) || textNow(target) === undefined) continue;
      const names = interest.get(target)!;
      if (!names.has("*") && [...names].every((name) => name === "" || usage.isUsed("now", target, name))) continue;
      if (!usage.hasUser("now", target) || usage.isUsed("now", target, "*")) continue;
      let facts = factsNow(target)!;
      for (const name of names.has("*") ? [...facts.info.exports.keys()] : [...names].filter((n) => n !== "" && facts.info.exports.has(n))) {
        if (!facts.info.exports.has(name) || !usage.isUsed("before", target, name) || usage.isUsed("now", target, name)) continue;
        const after = removeExport(target, facts, name);
        if (after === undefined || after === facts.text) continue;
        addReason(target, `\`${name}\` was only used by ${describeUsers(usage.usedBy("before", target, name))}`);
        setText(target, after);
        deepEdited.add(target);
        touched.add(target);
        removedExports.set(target, (removedExports.get(target) ?? new Set()).add(name));
        facts = factsNow(target)!;
      }
    }
    for (const target of new Set([...candidates, ...[...varying].filter((file) => textNow(file) !== undefined)])) if (pruneMessages(target)) touched.add(target);
    // Re-export lines of deleted files.
    const reexporters = new Set<string>();
    for (const file of deleted) for (const candidate of usage.reexportersOf(file)) reexporters.add(candidate);
    for (const file of varying) reexporters.add(file);
    for (const file of [...reexporters].sort()) {
      const facts = factsNow(file);
      if (facts === undefined || facts.info.starExports.length + facts.info.exports.size === 0) continue;
      const after = removeReexportsOf(facts, (specifier) => {
        const target = resolver.resolve(file, specifier);
        return target !== undefined && deleted.has(target);
      });
      if (after !== undefined) {
        addReason(file, "re-exported a file the cleanup deletes");
        setText(file, after);
        deepEdited.add(file);
        touched.add(file);
      }
    }
  }

  deleteTestsAndCompanions(files, usage, deleted, current, textNow, factsBefore, resolver, rel, addReason, problems);
  recheck(root, files, input, current, textNow, before, removedExports, reasons, problems, rel);
  const catalogChanges = cleanCatalogs(input, root, files, before, textNow, rel, varying);

  const changes: DeepChange[] = [];
  for (const [file, text] of current) {
    const relative = rel(file);
    if (input.changed.has(relative) && input.changed.get(relative) === text) continue;
    if (text !== undefined && text === before(file)) continue;
    changes.push({ file: relative, after: text, reasons: reasons.get(file) ?? [] });
  }
  changes.push(...catalogChanges);
  return { changes: changes.sort((a, b) => (a.file < b.file ? -1 : 1)), problems };
}

/**
 * Before anything is written, every removal is checked again by a fresh search of the project as it will
 * be written (recheck.ts). A refused removal is undone (the file keeps the per-file rewrite's text) and
 * reported; undoing one can refuse another (the restored file imports a deleted one), so until none is.
 */
function recheck(
  root: string,
  files: readonly string[],
  input: DeepCleanInput,
  current: Map<string, string | undefined>,
  textNow: (file: string) => string | undefined,
  before: (file: string) => string | undefined,
  removedExports: Map<string, Set<string>>,
  reasons: Map<string, string[]>,
  problems: CleanupProblem[],
  rel: (file: string) => string,
): void {
  const base = (file: string): string | undefined => {
    const relative = rel(file);
    return input.changed.has(relative) ? input.changed.get(relative) : before(file);
  };
  for (let round = 0; round < 20; round++) {
    const removals: Removals = { files: new Set(), exports: new Map() };
    for (const [file, text] of current) if (text === undefined && base(file) !== undefined) removals.files.add(file);
    for (const [file, names] of removedExports) if (textNow(file) !== undefined && textNow(file) !== base(file)) removals.exports.set(file, names);
    const refusals = recheckRemovals(root, files, textNow, before, removals);
    if (refusals.length === 0) return;
    const undone = new Set<string>();
    const undo = (file: string): void => {
      undone.add(file);
      current.set(file, base(file));
      reasons.delete(file);
      removedExports.delete(file);
    };
    for (const refusal of refusals) {
      if (undone.has(refusal.file)) continue;
      undo(refusal.file);
      // The tests of a file that stays stay too, and their snapshots.
      for (let grew = true; grew; ) {
        grew = false;
        for (const [file, list] of reasons)
          if (!undone.has(file) && list.some((reason) => [...undone].some((u) => reason.startsWith(`tests ${rel(u)},`) || reason.startsWith(`snapshot of ${rel(u)},`)))) {
            undo(file);
            grew = true;
          }
      }
      const what = refusal.name === undefined ? "not deleted" : `\`${refusal.name}\` not removed`;
      const why = refusal.why === "name" ? `${rel(refusal.user)} spells its export's name as a string (a lookup by name, which imports do not show)` : `the re-check before writing found it still used by ${rel(refusal.user)}`;
      const relative = rel(refusal.file);
      problems.push({ file: relative, line: 1, column: 1, message: `${what}: ${why}` });
    }
  }
}

/** Tests and stories of deleted files go with them (with their snapshots); a test that also tests a kept file is reported. */
function deleteTestsAndCompanions(
  files: readonly string[],
  usage: LazyUsage,
  deletedSoFar: ReadonlySet<string>,
  current: Map<string, string | undefined>,
  textNow: (file: string) => string | undefined,
  factsBefore: (file: string) => FileFacts | undefined,
  resolver: ModuleResolver,
  rel: (file: string) => string,
  addReason: (file: string, reason: string) => void,
  problems: CleanupProblem[],
): void {
  const deleted = new Set(deletedSoFar);
  if (deleted.size === 0) return;
  const deletedStems = new Map([...deleted].map((file) => [subjectStemOf(rel(file)), file] as const));
  // Only a test named after a deleted file, or whose text names one in an import, can be about it.
  const tests = new Set<string>();
  for (const file of deleted) for (const candidate of usage.importCandidates(file)) if (isTestFile(rel(candidate))) tests.add(candidate);
  for (const file of files) if (isTestFile(rel(file)) && deletedStems.has(subjectStemOf(rel(file)))) tests.add(file);
  for (const file of [...tests].sort()) {
    const relative = rel(file);
    if (textNow(file) === undefined) continue;
    const facts = factsBefore(file);
    if (facts === undefined) continue;
    const targets = facts.edges.map((edge) => resolver.resolve(file, edge.specifier)).filter((t): t is string => t !== undefined && CODE.test(t) && !isTestFile(rel(t)));
    const hit = targets.filter((t) => deleted.has(t));
    const subject = deletedStems.get(subjectStemOf(relative));
    if (hit.length === 0 && subject === undefined) continue;
    if (subject !== undefined || hit.length === targets.length) {
      const about = subject ?? hit[0]!;
      addReason(file, `tests ${rel(about)}, which the cleanup deletes`);
      current.set(file, undefined);
      const snapshot = path.join(path.dirname(file), "__snapshots__", `${path.basename(file)}.snap`);
      if (existsSync(snapshot)) {
        addReason(snapshot, `snapshot of ${relative}, which the cleanup deletes`);
        current.set(snapshot, undefined);
      }
    } else {
      problems.push({ file: relative, line: 1, column: 1, message: `imports ${rel(hit[0]!)}, which the cleanup deletes; update this test by hand` });
    }
  }
}

/** Catalog keys that some removed code named and no remaining code names. */
function cleanCatalogs(
  input: DeepCleanInput,
  root: string,
  files: readonly string[],
  before: (file: string) => string | undefined,
  textNow: (file: string) => string | undefined,
  rel: (file: string) => string,
  varying: ReadonlySet<string>,
): DeepChange[] {
  const touched = new Set<string>([...input.changed.keys()].map((file) => path.resolve(root, file)));
  for (const file of varying) touched.add(file);
  const removedStrings = new Set<string>();
  for (const file of touched) {
    if (!CODE.test(file)) continue;
    const old = before(file);
    if (old === undefined) continue;
    const now = textNow(file);
    const kept = now === undefined ? new Set<string>() : parseFacts(file, now).strings;
    for (const s of parseFacts(file, old).strings) if (!kept.has(s)) removedStrings.add(s);
  }
  if (removedStrings.size === 0) return [];
  const catalogs = fg.sync(input.config.catalogs ?? DEFAULT_CATALOGS, { cwd: root, absolute: true, ignore: ["**/node_modules/**", "**/package.json", "**/package-lock.json", "**/tsconfig*.json"] });
  if (catalogs.length === 0) return [];
  // Most catalogs hold none of the removed strings: not worth a JSON parse; and a string no catalog holds
  // needs no search for its other users.
  const catalogTexts = catalogs.sort().map((catalog) => ({ catalog, text: readFileSync(catalog, "utf8") }));
  // Only a string that is some catalog's key (a dotted path for nested ones) matters.
  const catalogKeys = new Set<string>();
  const collectKeys = (value: unknown, prefix: string): void => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      catalogKeys.add(prefix + key);
      collectKeys(inner, `${prefix}${key}.`);
    }
  };
  for (const { text } of catalogTexts) {
    try {
      collectKeys(JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text), "");
    } catch {
      // Not plain JSON (comments, a syntax error): every string may be one of its keys.
      for (const s of removedStrings) if (text.includes(s)) catalogKeys.add(s);
    }
  }
  for (const s of [...removedStrings]) if (!catalogKeys.has(s)) removedStrings.delete(s);
  if (removedStrings.size === 0) return [];
  // A key stays when any remaining code names it (or a template literal's head starts it). Only a file
  // whose text holds the string is parsed to tell; template heads are read from the text, a superset
  // (every `${` back to the backtick before it), so no key that a template may build is removed.
  const stillNamed = new Set<string>();
  const prefixes: string[] = [];
  const wanted = [...removedStrings];
  for (const file of files) {
    const text = textNow(file);
    if (text === undefined || !CODE.test(file)) continue;
    if (varying.has(file)) {
      const facts = parseFacts(file, text);
      for (const s of facts.strings) if (removedStrings.has(s)) stillNamed.add(s);
      prefixes.push(...facts.prefixes);
      continue;
    }
    if (wanted.some((s) => text.includes(s))) for (const s of parseFacts(file, text).strings) if (removedStrings.has(s)) stillNamed.add(s);
    for (let at = text.indexOf("${"); at !== -1; at = text.indexOf("${", at + 2)) {
      const open = text.lastIndexOf("`", at);
      if (open !== -1 && open + 1 < at) prefixes.push(text.slice(open + 1, at));
    }
  }
  const changes: DeepChange[] = [];
  for (const { catalog, text } of catalogTexts) {
    if (![...removedStrings].some((key) => text.includes(key))) continue;
    const result = removeCatalogKeys(catalog, text, (key) => removedStrings.has(key) && !stillNamed.has(key) && !prefixes.some((p) => key.startsWith(p)));
    if (result === undefined) continue;
    changes.push({ file: rel(catalog), after: result.text, reasons: [`message${result.removed.length === 1 ? "" : "s"} ${result.removed.map((k) => `\`${k}\``).join(", ")} only used by removed code`] });
  }
  return changes;
}
