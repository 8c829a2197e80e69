import { existsSync, readdirSync, readFileSync, rmdirSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { languageOf, type CleanupProblem, type Language, type LanguageCleanup } from "../languages/language.js";
import { runDeepCleanup } from "./deep.js";

interface Text {
  before: string;
  after: string | undefined;
  referencesRemoved: number;
  definitionsRemoved: number;
  reasons?: string[];
}

/**
 * Adds the deep cleanup's changes to `texts` (the per-file rewrite's), each checked to parse first: a file
 * that would not parse is left as the rewrite made it and reported.
 */
export async function applyDeepCleanup(
  config: ResolvedConfig,
  cleanupOf: ReadonlyMap<Language, LanguageCleanup>,
  texts: Map<string, Text>,
  flag: string,
  isSafe: (file: string) => boolean,
  problems: CleanupProblem[],
): Promise<void> {
  const root = path.resolve(config.root);
  const changed = new Map([...texts].map(([file, change]) => [file, change.after] as const));
  const deep = await runDeepCleanup(config, cleanupOf, changed, flag, isSafe);
  problems.push(...deep.problems);
  const languages = [...cleanupOf.keys()];
  for (const [file, change] of deep.changes) {
    if (change.after !== undefined) {
      const owner = languageOf(file, languages, root);
      const error = owner === undefined ? undefined : await cleanupOf.get(owner)!.parseError(change.after, path.resolve(root, file));
      if (error !== undefined) {
        problems.push({ file, line: 1, column: 1, message: `left as the flag's removal made it: the deep cleanup's rewrite would not parse (${error}); please report this` });
        continue;
      }
    }
    const previous = texts.get(file);
    texts.set(file, {
      before: previous?.before ?? readFileSync(path.resolve(root, file), "utf8"),
      after: change.after,
      referencesRemoved: previous?.referencesRemoved ?? 0,
      definitionsRemoved: previous?.definitionsRemoved ?? 0,
      reasons: change.reasons,
    });
  }
}

/** Removes the folders the deleted files leave empty. */
export function removeEmptiedDirectories(root: string, deleted: readonly string[]): void {
  if (deleted.length === 0) return;
  for (const directory of emptiedDirectories(root, deleted)) {
    try {
      rmdirSync(directory);
    } catch {
      // Not empty after all (a file appeared): it stays.
    }
  }
}

/** Directories left empty by deleted files, deepest first (for the writer to remove). */
export function emptiedDirectories(root: string, deleted: readonly string[]): string[] {
  const gone = new Set(deleted.map((file) => path.resolve(root, file)));
  const candidates = new Set<string>();
  for (const file of gone) for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) candidates.add(dir);
  const empty = new Set<string>();
  const isEmpty = (dir: string): boolean =>
    readdirSync(dir).every((name) => {
      const entry = path.join(dir, name);
      return gone.has(entry) || empty.has(entry);
    });
  for (const dir of [...candidates].sort((a, b) => b.length - a.length)) if (existsSync(dir) && isEmpty(dir)) empty.add(dir);
  return [...empty].sort((a, b) => b.length - a.length);
}
