// Tests are cleaned too: an override or mock that forces the kept value goes (`@override_flag("x",
// active=True)`, `mockReturnValue({ x: true })`), a test that forces only the removed value is deleted
// and listed, and what cannot be told is left and listed. Each language knows its own test shapes.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { discoverFiles, toPosix } from "../scan/discover-files.js";
import { languageOf, type CleanupProblem, type DeletedTest, type Language, type LanguageCleanup } from "../languages/language.js";

export interface TestFileChange {
  file: string;
  /** The text the test cleanup started from (after the file's checks were rewritten). */
  before: string;
  after: string;
  overridesRemoved: number;
}

export interface TestCleanupResult {
  changes: TestFileChange[];
  testsDeleted: DeletedTest[];
  problems: CleanupProblem[];
  /** Lines of the new texts that name the flag without checking it (a kept test's title). */
  mentions: CleanupProblem[];
}

export async function cleanupTestFiles(input: {
  config: ResolvedConfig;
  languages: readonly Language[];
  cleanupOf: ReadonlyMap<Language, LanguageCleanup>;
  flag: string;
  value: boolean;
  needles: readonly string[];
  otherFlags: ReadonlySet<string>;
  /** The text the file will have so far: the rewritten text, or undefined for a file the cleanup has not touched. */
  current(file: string): string | undefined;
  /** Reads a project file for rewriting (keeping its bytes' encoding), or undefined when unreadable (listed). */
  read(file: string): string | undefined;
}): Promise<TestCleanupResult> {
  const result: TestCleanupResult = { changes: [], testsDeleted: [], problems: [], mentions: [] };
  if (![...input.cleanupOf.values()].some((cleanup) => cleanup.cleanupTests !== undefined)) return result;
  const root = path.resolve(input.config.root);
  for (const absolute of await discoverFiles(input.config)) {
    const file = toPosix(path.relative(root, absolute));
    const owner = languageOf(file, input.languages, root);
    const cleanup = owner && input.cleanupOf.get(owner);
    if (cleanup?.cleanupTests === undefined) continue;
    // A cheap look first: most files do not name the flag, and the faithful read keeps its encoding only when needed.
    let text = input.current(file);
    if (text === undefined) {
      let raw: string;
      try {
        raw = readFileSync(absolute, "latin1");
      } catch {
        continue; // The search for leftovers lists a file it cannot read.
      }
      if (!input.needles.some((needle) => raw.includes(needle))) continue;
      text = input.read(file);
      if (text === undefined) continue;
    } else if (!input.needles.some((needle) => text!.includes(needle))) continue;
    const output = await cleanup.cleanupTests({ path: absolute, relativePath: file, text, flag: input.flag, value: input.value, needles: input.needles, otherFlags: input.otherFlags });
    result.problems.push(...output.problems);
    if (output.text === text) {
      result.mentions.push(...(output.mentions ?? []));
      continue;
    }
    const error = await cleanup.parseError(output.text, absolute);
    if (error !== undefined) {
      result.problems.push({ file, line: 1, column: 1, message: `left untouched: the test file would not parse after removing the flag's overrides (${error}); please report this` });
      continue;
    }
    result.testsDeleted.push(...output.testsDeleted);
    result.mentions.push(...(output.mentions ?? []));
    result.changes.push({ file, before: text, after: output.text, overridesRemoved: output.overridesRemoved });
  }
  return result;
}
