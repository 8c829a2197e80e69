// Before:  {                                  - ff_new_checkout
//            "ff_new_checkout": { "owner": "pay" },  - ff_search
//            "ff_search": {}
//          }
// After:   {                                  - ff_search
//            "ff_search": {}
//          }
// Removes one flag's definition from its registry file, as whole lines with the comments attached above
// it. JSON and YAML belong to no language and are handled here; a registry written in a language's code
// (a TypeScript enum, a Python constants module) is handed to that language's cleanup.
import { parseTree, type Node as JsonNode } from "jsonc-parser";
import { parse as parseYaml } from "yaml";
import type { LanguageCleanup } from "../languages/language.js";
import type { FlagDefinition } from "../registry/definition.js";
import { applyEdits, type Edit } from "./edit.js";
import { endsLine, lineStart, nextLineStart, startsLine } from "./lines.js";

export type RegistryEntryResult = { text: string | null } | { problem: string };

/**
 * The registry file's text without `definition`, `null` when the file holds nothing else and the
 * source keeps one file per flag (its path is a glob), or a problem when the entry cannot be found.
 * @param codeRegistries the cleanup of the language whose code holds each registry type (`typescript`, `python`).
 */
export function removeRegistryEntry(
  text: string,
  definition: FlagDefinition,
  onlyFlagOfFile: boolean,
  codeRegistries: ReadonlyMap<string, LanguageCleanup>,
): RegistryEntryResult {
  const type = definition.source.type;
  // A migration is history a later one depends on: it is never deleted or emptied, even when it made only this flag.
  if (type === "django-migrations" || type === "waffle-db")
    return { problem: `\`${definition.flag}\` lives in the database; run the cleanup with \`--migration\` to write a Django migration that deletes it` };
  if (onlyFlagOfFile && /[*?{[]/.test(definition.source.path)) return { text: null };
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom === "" ? text : text.slice(1);
  const language = codeRegistries.get(type);
  let result: string | undefined;
  if (language?.removeRegistryEntry) result = language.removeRegistryEntry(body, definition);
  else if (type === "json" || type === "waffle" && definition.file.endsWith(".json")) result = removeFromJson(body, definition);
  else if (type === "yaml") result = removeFromYaml(body, definition);
  else return { problem: `removing a definition from a \`${type}\` registry is not supported; remove \`${definition.flag}\` by hand` };
  if (result === undefined) return { problem: `the definition of \`${definition.flag}\` was not found where the registry reported it` };
  return { text: bom + result };
}

function removeFromJson(text: string, definition: FlagDefinition): string | undefined {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (tree === undefined) return undefined;
  const candidates: Array<{ node: JsonNode; siblings: readonly JsonNode[] }> = [];
  const visit = (node: JsonNode): void => {
    const children = node.children ?? [];
    if (node.type === "object")
      for (const property of children) if (property.children?.[0]?.value === definition.flag) candidates.push({ node: property, siblings: children });
    if (node.type === "array")
      for (const element of children) {
        const isSlug = element.type === "string" && element.value === definition.flag;
        const isNamed = element.type === "object" && namesFlag(element, definition.flag);
        if (isSlug || isNamed) candidates.push({ node: element, siblings: children });
      }
    for (const child of children) visit(child);
  };
  visit(tree);
  const lineOf = (node: JsonNode) => (text.slice(0, node.offset).match(/\n/g) ?? []).length + 1;
  const onLine = candidates.filter(({ node }) => definition.line === undefined || lineOf(node) === definition.line);
  const found = onLine[0] ?? candidates[0];
  if (found === undefined) return undefined;
  return deleteJsonElement(text, found.node, found.siblings);
}

/** `{ "key": "ff_x" }`, or Django `dumpdata`'s `{ "model": ..., "fields": { "name": "ff_x" } }`. */
function namesFlag(object: JsonNode, flag: string): boolean {
  return (object.children ?? []).some((property) => {
    const [key, value] = property.children ?? [];
    if (key?.value === "fields" && value?.type === "object") return namesFlag(value, flag);
    return ["name", "key", "slug", "id", "flag"].includes(String(key?.value)) && value?.type === "string" && value.value === flag;
  });
}

/** Deletes a property or array element with its comma; JSON allows no comma after the last one. */
function deleteJsonElement(text: string, element: JsonNode, siblings: readonly JsonNode[]): string {
  const index = siblings.indexOf(element);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const start = element.offset;
  const elementEnd = element.offset + element.length;
  const end = text[elementEnd] === "," ? elementEnd + 1 : elementEnd;
  let edit: Edit;
  if (startsLine(text, start) && endsLine(text, end)) {
    edit = { start: lineStart(text, start), end: nextLineStart(text, end), text: "" };
    if (next === undefined && previous !== undefined) {
      const previousEnd = previous.offset + previous.length;
      const comma = text.slice(previousEnd, start).indexOf(",");
      if (comma !== -1) return applyEdits(text, [{ start: previousEnd + comma, end: previousEnd + comma + 1, text: "" }, edit]).text;
    }
  } else if (next !== undefined) edit = { start, end: next.offset, text: "" };
  else if (previous !== undefined) edit = { start: previous.offset + previous.length, end: elementEnd, text: "" };
  else edit = { start, end, text: "" };
  return applyEdits(text, [edit]).text;
}

function removeFromYaml(text: string, definition: FlagDefinition): string | undefined {
  const lines = text.split("\n");
  const escaped = definition.flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const key = new RegExp(`^([ \\t]*)(- +)?(["']?)${escaped}\\3[ \\t]*(:|\\r?$|[ \\t]+#)`);
  const named = new RegExp(`^([ \\t]*)- +(name|key|slug|id|flag)[ \\t]*:[ \\t]*(["']?)${escaped}\\3[ \\t]*\\r?$`);
  const matches = (index: number): RegExpExecArray | null => key.exec(lines[index] ?? "") ?? named.exec(lines[index] ?? "");
  let index = definition.line !== undefined && matches(definition.line - 1) ? definition.line - 1 : lines.findIndex((_, i) => matches(i) !== null);
  if (index === -1) return undefined;
  const match = matches(index)!;
  // A sequence item's body is indented past its dash; a mapping entry's past its key.
  const indent = match[1]!.length;
  let end = index + 1;
  while (end < lines.length) {
    const line = lines[end]!;
    if (/^[ \t]*\r?$/.test(line)) {
      const nextContent = lines.slice(end).find((l) => !/^[ \t]*\r?$/.test(l));
      if (nextContent === undefined || /^[ \t]*/.exec(nextContent)![0].length <= indent) break;
    } else if (/^[ \t]*/.exec(line)![0].length <= indent) break;
    end++;
  }
  while (index > 0 && /^[ \t]*#/.test(lines[index - 1]!) && /^[ \t]*/.exec(lines[index - 1]!)![0].length === indent) index--;
  const kept = [...lines.slice(0, index), ...lines.slice(end)];
  const result = kept.join("\n");
  try {
    parseYaml(result);
  } catch {
    return undefined;
  }
  return result;
}
