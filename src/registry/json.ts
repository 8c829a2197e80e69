import type { ResolvedRegistrySource } from "../config/schema.js";
import type { RegistryLoadResult } from "./definition.js";
import { parseJsonDocument, toRelativePath, type RegistryDocument } from "./document.js";
import { definitionsOf } from "./entries.js";
import { readSourceFile, resolveSourceFiles } from "./files.js";
import type { RegistryLoadContext } from "./loader.js";

/**
 * `type: "json"`: every file `path` matches, in any shape {@link collectEntries} accepts.
 * @example { "type": "json", "path": "config/flags.json" }
 */
export async function loadJsonRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  return loadDocuments(source, context, parseJsonDocument);
}

/** Reads and parses each file of a source in parallel; definitions keep file order. */
export async function loadDocuments(
  source: ResolvedRegistrySource,
  context: RegistryLoadContext,
  parse: (file: string, text: string) => RegistryDocument,
  toDefinitions = definitionsOf,
): Promise<RegistryLoadResult> {
  const files = await resolveSourceFiles(source, context);
  const perFile = await Promise.all(
    files.map(async (file) => {
      const relativePath = toRelativePath(context.root, file);
      return toDefinitions(parse(relativePath, await readSourceFile(file, relativePath)), source);
    }),
  );
  return { definitions: perFile.flat(), files };
}
