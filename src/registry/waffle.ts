import type { ResolvedRegistrySource } from "../config/schema.js";
import type { FlagDefinition, RegistryLoadResult } from "./definition.js";
import { describeNode, getField, parseJsonDocument, parseYamlDocument, type RegistryDocument } from "./document.js";
import { readMetadata } from "./entries.js";
import { loadDocuments } from "./json.js";
import type { RegistryLoadContext } from "./loader.js";

/**
 * `type: "waffle"`: the output of `python manage.py dumpdata waffle.flag` (JSON with or without
 * `--indent`, or `--format yaml` when the file ends in `.yaml`/`.yml`).
 * A whole `dumpdata waffle` also holds switches (`kind: "switch"`, on when `active`) and samples
 * (`kind: "sample"`, by `percent`); objects of other models are skipped.
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

/** waffle's models and the kind of toggle each holds. */
const WAFFLE_MODELS: Record<string, string> = { "waffle.flag": "flag", "waffle.switch": "switch", "waffle.sample": "sample" };

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
    const modelName = model?.value.kind === "scalar" ? model.value.value : "waffle.flag";
    const kind = WAFFLE_MODELS[String(modelName).toLowerCase()];
    if (kind === undefined) continue;
    const fields = getField(item, "fields")?.value ?? item;
    if (fields.kind !== "object") throw document.error(fields.offset, `\`fields\` must be an object, found ${describeNode(fields)}`);
    const name = getField(fields, "name");
    if (name?.value.kind !== "scalar" || typeof name.value.value !== "string" || name.value.value === "") {
      throw document.error(name?.value.offset ?? fields.offset, "a waffle.flag object needs a `name`", DUMPDATA_HINT);
    }
    const { line, column } = document.position(item.offset);
    const metadata = readMetadata(fields, undefined, document);
    const active = getField(fields, "active");
    if (kind === "switch" && active?.value.kind === "scalar" && typeof active.value.value === "boolean") metadata.state = active.value.value ? "on" : "off";
    definitions.push({
      flag: name.value.value,
      source,
      file: document.file,
      line,
      column,
      ...(kind === "flag" ? {} : { kind }),
      metadata,
    });
  }
  return definitions;
}
