import type { AccessorConfig } from "../../../config/schema.js";
import { firstParseError, parse } from "./context.js";
import type { FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "../../language.js";
import { removeScriptRegistryEntry } from "./registry-entry.js";
import { cleanupText } from "./rewrite.js";
import { cleanupTypeScriptTests } from "./tests.js";
import { isComponentFile } from "../sfc.js";

const BOM = "\uFEFF";

/** The TypeScript/JavaScript (and JSX) rewrite behind `flag-scan cleanup`. */
export function typescriptCleanup(accessors: readonly AccessorConfig[] = []): LanguageCleanup {
  return {
    cleanupFile(input: FileCleanupInput): FileCleanupOutput {
      // The template of a Vue/Svelte component reads the script's names and holds checks of its own, which
      // the rewrite cannot edit: folding a script check could delete a binding the template still uses.
      // Its checks are left, and listed.
      if (isComponentFile(input.path)) {
        const problems = input.references.map((reference) => ({
          file: reference.file,
          line: reference.line,
          column: reference.column,
          message: "this check is in a Vue/Svelte component, whose template the cleanup does not rewrite; change it by hand",
        }));
        return { text: input.text, removedReferences: 0, problems };
      }
      // Reference offsets are counted without the BOM, and the BOM must survive the rewrite.
      const hasBom = input.text.startsWith(BOM);
      const body = hasBom ? input.text.slice(1) : input.text;
      const result = cleanupText({ text: body, fileName: input.path, references: input.references, value: input.value, accessors, ...(input.keptValue !== undefined ? { keptValue: input.keptValue } : {}) });
      const problems = result.problems.map(({ reference, message }) => ({ file: reference.file, line: reference.line, column: reference.column, message }));
      if (result.text === body) return { text: input.text, removedReferences: result.removed.length, problems };
      return { text: hasBom ? BOM + result.text : result.text, removedReferences: result.removed.length, problems };
    },
    parseError(text: string, path: string): string | undefined {
      return firstParseError(parse(text.startsWith(BOM) ? text.slice(1) : text, path));
    },
    removeRegistryEntry: removeScriptRegistryEntry,
    cleanupTests: (input) => cleanupTypeScriptTests(input, accessors),
  };
}
