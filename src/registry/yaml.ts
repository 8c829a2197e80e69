import type { ResolvedRegistrySource } from "../config/schema.js";
import type { RegistryLoadResult } from "./definition.js";
import { parseYamlDocument } from "./document.js";
import { loadDocuments } from "./json.js";
import type { RegistryLoadContext } from "./loader.js";

/**
 * `type: "yaml"`: YAML files (every document of a stream counts) and Markdown files with YAML front
 * matter, in any shape {@link collectEntries} accepts. Registries kept as one file per flag use a glob.
 * @example { "type": "yaml", "path": "config/feature_flags/**\/*.yml" }
 */
export async function loadYamlRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  return loadDocuments(source, context, parseYamlDocument);
}
