import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { CleanupProblem, DeepChange, DeepCleanInput, DeepCleanOutput } from "../../../language.js";
import { ModuleResolver } from "../../scan/module-resolver.js";
import { DEFAULT_CATALOGS, removeCatalogKeys } from "./catalogs.js";
import { pruneUnused, removeExport, removeReexportsOf } from "./edits.js";
import { foldLocally } from "./local-folds.js";
import { factsOf as parseFacts, type FileFacts } from "./facts.js";
import { findRoots, isTestFile, subjectStemOf } from "./roots.js";
import { findImportTimeSideEffect } from "./side-effects.js";
import { computeUsage, usersOf, type Usage } from "./usage.js";

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
  const roots = findRoots(root, files, resolver, [...(input.config.entry ?? []), ...input.config.registry.map((source) => source.path)]);
  // The modules that define the configured accessors are the flag system itself, kept whoever still calls them.
  const accessorNames = new Set(input.config.accessors.flatMap((accessor) => Object.values(accessor).filter((v): v is string => typeof v === "string").map((v) => v.split(".").pop()!)));
  for (const file of files) {
    const text = input.readBefore(file);
    if (text === undefined || ![...accessorNames].some((name) => text.includes(name))) continue;
    const facts = parseFacts(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
    if ([...facts.info.exports.keys()].some((name) => accessorNames.has(name)) || [...facts.info.declarations.keys()].some((name) => accessorNames.has(name) && facts.info.exports.size > 0)) roots.add(file);
  }
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
  const deepEdited = new Set<string>();
  const textNow = (file: string): string | undefined => (current.has(file) ? current.get(file) : before(file));
  const factsAt = (read: (file: string) => string | undefined) => (file: string): FileFacts | undefined => {
    if (!CODE.test(file)) return undefined;
    const text = read(file);
    return text === undefined ? undefined : parseFacts(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
  };
  const factsBefore = factsAt(before);
  const factsNow = factsAt(textNow);
  const sources = (read: (file: string) => string | undefined) => files.filter((file) => !isTestFile(rel(file)) && read(file) !== undefined);

  // What the fold left constant folds first: `x && false` leaves no JSX, and the JSX no import.
  for (const [relative, after] of input.changed) {
    const file = abs(relative);
    const old = before(file);
    if (after === undefined || old === undefined || !CODE.test(file)) continue;
    const { text, folded } = foldLocally(file, old, after);
    if (folded.length === 0) continue;
    current.set(file, pruneUnused(file, parseFacts(file, old), text));
    addReason(file, `folded ${folded.map((f) => `\`${f}\``).join(", ")}, which the flag's removal left constant`);
  }

  const usageBefore = computeUsage(sources(before), factsBefore, resolver, roots);
  const reported = new Set<string>();
  let usageNow: Usage = usageBefore;

  const describeUsers = (users: Iterable<string>, depth = 0): string => {
    const sorted = [...users].sort();
    const parts = sorted.slice(0, 2).map((user) => {
      if (textNow(user) === undefined) return `${rel(user)}, which the cleanup deletes`;
      if (foldChanged.has(user)) return `the removed branch of ${rel(user)}`;
      // A re-exporting index: name whom it re-exported for (one level: a reason is one line).
      const forWhom = usersOf(usageBefore, user);
      forWhom.delete(user);
      if (depth === 0 && forWhom.size > 0 && !deepEdited.has(user)) return `${rel(user)}, re-exporting for ${describeUsers(forWhom, depth + 1)}`;
      return `code the cleanup removed from ${rel(user)}`;
    });
    if (sorted.length > 2) parts.push(`${sorted.length - 2} more`);
    return parts.join(" and ");
  };

  for (let round = 0; round < 50; round++) {
    usageNow = computeUsage(sources(textNow), factsNow, resolver, roots);
    let changed = false;
    // Files that lost their last user.
    for (const [target, names] of usageBefore) {
      if (names.size === 0 || roots.has(target) || textNow(target) === undefined) continue;
      if (!CODE.test(target) && !STYLE.test(target)) continue;
      if (isTestFile(rel(target)) || !target.startsWith(root + path.sep) || isGenerated(target)) continue;
      if (usersOf(usageNow, target).size > 0) continue;
      // The module that spells the flag's key is where flags are declared: the registry step edits it.
      if (CODE.test(target) && factsBefore(target)?.strings.has(input.flag)) continue;
      const users = usersOf(usageBefore, target);
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
      addReason(target, `only imported by ${describeUsers(users)}`);
      current.set(target, undefined);
      changed = true;
    }
    // Exports that lost their last user, in files that stay.
    for (const [target, names] of usageBefore) {
      if (roots.has(target) || textNow(target) === undefined || !CODE.test(target) || isTestFile(rel(target)) || isGenerated(target)) continue;
      const now = usageNow.get(target);
      if (now === undefined || now.has("*")) continue;
      let facts = factsNow(target)!;
      const lost = names.has("*") ? [...facts.info.exports.keys()] : [...names.keys()].filter((name) => name !== "" && name !== "*");
      for (const name of lost) {
        if (now.has(name) || !facts.info.exports.has(name)) continue;
        const after = removeExport(target, facts, name);
        if (after === undefined || after === facts.text) continue;
        const users = names.get(name) ?? names.get("*") ?? new Set<string>();
        addReason(target, `\`${name}\` was only used by ${describeUsers(users)}`);
        current.set(target, after);
        deepEdited.add(target);
        facts = factsNow(target)!;
        changed = true;
      }
    }
    // Re-export lines of deleted files.
    for (const file of files) {
      const facts = factsNow(file);
      if (facts === undefined || facts.info.starExports.length + facts.info.exports.size === 0) continue;
      const after = removeReexportsOf(facts, (specifier) => {
        const target = resolver.resolve(file, specifier);
        return target !== undefined && current.has(target) && current.get(target) === undefined;
      });
      if (after !== undefined) {
        addReason(file, "re-exported a file the cleanup deletes");
        current.set(file, after);
        deepEdited.add(file);
        changed = true;
      }
    }
    if (!changed) break;
  }

  deleteTestsAndCompanions(files, current, textNow, factsBefore, resolver, rel, addReason, problems);
  const catalogChanges = cleanCatalogs(input, root, files, before, textNow, rel);

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

/** Tests and stories of deleted files go with them (with their snapshots); a test that also tests a kept file is reported. */
function deleteTestsAndCompanions(
  files: readonly string[],
  current: Map<string, string | undefined>,
  textNow: (file: string) => string | undefined,
  factsBefore: (file: string) => FileFacts | undefined,
  resolver: ModuleResolver,
  rel: (file: string) => string,
  addReason: (file: string, reason: string) => void,
  problems: CleanupProblem[],
): void {
  const deleted = new Set([...current].filter(([, text]) => text === undefined).map(([file]) => file));
  if (deleted.size === 0) return;
  const deletedStems = new Map([...deleted].map((file) => [subjectStemOf(rel(file)), file] as const));
  for (const file of files) {
    const relative = rel(file);
    if (!isTestFile(relative) || textNow(file) === undefined) continue;
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
): DeepChange[] {
  const touched = new Set<string>([...input.changed.keys()].map((file) => path.resolve(root, file)));
  for (const file of files) if (textNow(file) !== before(file)) touched.add(file);
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
  // A key stays when any remaining code names it (or a template literal's head starts it).
  const stillNamed = new Set<string>();
  const prefixes: string[] = [];
  for (const file of files) {
    const text = textNow(file);
    if (text === undefined || !CODE.test(file)) continue;
    const facts = parseFacts(file, text);
    for (const s of facts.strings) if (removedStrings.has(s)) stillNamed.add(s);
    prefixes.push(...facts.prefixes);
  }
  const changes: DeepChange[] = [];
  for (const catalog of catalogs.sort()) {
    const text = readFileSync(catalog, "utf8");
    // Most catalogs hold none of the removed strings: not worth a JSON parse.
    if (![...removedStrings].some((key) => text.includes(key))) continue;
    const result = removeCatalogKeys(catalog, text, (key) => removedStrings.has(key) && !stillNamed.has(key) && !prefixes.some((p) => key.startsWith(p)));
    if (result === undefined) continue;
    changes.push({ file: rel(catalog), after: result.text, reasons: [`message${result.removed.length === 1 ? "" : "s"} ${result.removed.map((k) => `\`${k}\``).join(", ")} only used by removed code`] });
  }
  return changes;
}
