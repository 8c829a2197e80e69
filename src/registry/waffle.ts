import type { ResolvedRegistrySource } from "../config/schema.js";
import type { FlagDefinition, RegistryLoadResult } from "./definition.js";
import { describeNode, getField, parseJsonDocument, parseYamlDocument, type RegistryDocument } from "./document.js";
import { readMetadata } from "./entries.js";
import { loadDocuments } from "./json.js";
import type { RegistryLoadContext } from "./loader.js";

/**
 * `type: "waffle"`: the output of `python manage.py dumpdata waffle.flag` (JSON with or without
 * `--indent`, or `--format yaml` when the file ends in `.yaml`/`.yml`).
 * Objects of other models (a whole `dumpdata waffle` also holds switches and samples) are skipped.
 * State comes from `everyone`/`percent` and the targeting fields (see {@link waffleState}), `created`
 * and `modified` are kept, and `note` serves as the description.
 * @example { "type": "waffle", "path": "exports/production.json", "environment": "production" }
 */
export async function loadWaffleRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  return loadDocuments(source, context, parseDump, waffleDefinitions);
}

/** `dumpdata --format yaml` writes the same objects as YAML. */
function parseDump(file: string, text: string): RegistryDocument {
  return /\.ya?ml$/i.test(file) ? parseYamlDocument(file, text) : parseJsonDocument(file, text);
}

const DUMPDATA_HINT = "export it with `python manage.py dumpdata waffle.flag --indent 2 > FILE`";

function waffleDefinitions(document: RegistryDocument, source: ResolvedRegistrySource): FlagDefinition[] {
  const root = document.roots[0];
  if (root === undefined) return [];
  if (root.kind !== "array") {
    throw document.error(root.offset, `expected the list \`manage.py dumpdata waffle.flag\` prints, found ${describeNode(root)}`, DUMPDATA_HINT);
  }
  const definitions: FlagDefinition[] = [];
  for (const item of root.items) {
    if (item.kind !== "object") throw document.error(item.offset, `expected a waffle.flag object, found ${describeNode(item)}`);
    const model = getField(item, "model");
    if (model?.value.kind === "scalar" && model.value.value !== "waffle.flag") continue;
    const fields = getField(item, "fields")?.value ?? item;
    if (fields.kind !== "object") throw document.error(fields.offset, `\`fields\` must be an object, found ${describeNode(fields)}`);
    const name = getField(fields, "name");
    if (name?.value.kind !== "scalar" || typeof name.value.value !== "string" || name.value.value === "") {
      throw document.error(name?.value.offset ?? fields.offset, "a waffle.flag object needs a `name`", DUMPDATA_HINT);
    }
    const { line, column } = document.position(item.offset);
    definitions.push({
      flag: name.value.value,
      source,
      file: document.file,
      line,
      column,
      metadata: readMetadata(fields, undefined, document),
    });
  }
  return definitions;
}
