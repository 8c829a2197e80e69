import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { languageOf, type CleanupProblem, type Language, type LanguageCleanup } from "../languages/language.js";
import { discoverFiles } from "../scan/discover-files.js";

/** What the deep cleanup adds to the per-file rewrite's changes. */
export interface DeepResult {
  /** Relative path -> new text (undefined: deleted) and why. */
  changes: Map<string, { after: string | undefined; reasons: string[] }>;
  problems: CleanupProblem[];
}

/**
 * Runs every language's `deepClean` on the project as the per-file rewrite left it (`changed`), so that
 * what only the removed code used goes too. Languages without one are skipped.
 */
export async function runDeepCleanup(
  config: ResolvedConfig,
  cleanupOf: ReadonlyMap<Language, LanguageCleanup>,
  changed: ReadonlyMap<string, string | undefined>,
  flag: string,
  isSafe: (file: string) => boolean,
): Promise<DeepResult> {
  const result: DeepResult = { changes: new Map(), problems: [] };
  const deep = [...cleanupOf].filter(([, cleanup]) => cleanup.deepClean !== undefined);
  if (deep.length === 0) return result;
  const root = path.resolve(config.root);
  const all = await discoverFiles(config);
  const languages = [...cleanupOf.keys()];
  // Read once: the analysis asks for a file's text many times over its rounds.
  const read = new Map<string, string | undefined>();
  const readBefore = (file: string): string | undefined => {
    if (read.has(file)) return read.get(file);
    let text: string | undefined;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = undefined;
    }
    read.set(file, text);
    return text;
  };
  for (const [language, cleanup] of deep) {
    const files = all.filter((file) => languageOf(path.relative(root, file).split(path.sep).join("/"), languages, root) === language);
    const output = await cleanup.deepClean!({ config, flag, files, readBefore, changed });
    result.problems.push(...output.problems);
    for (const change of output.changes) {
      if (!isSafe(change.file)) continue;
      result.changes.set(change.file, { after: change.after, reasons: change.reasons });
    }
  }
  return result;
}
