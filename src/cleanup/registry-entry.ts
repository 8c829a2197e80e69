// Before:  enum FeatureFlags {                      {
//            NEW_CHECKOUT = "ff_new_checkout",        "ff_new_checkout": { "owner": "pay" },
//            SEARCH = "ff_search",                    "ff_search": {}
//          }                                        }
// After:   enum FeatureFlags {                      {
//            SEARCH = "ff_search",                    "ff_search": {}
//          }                                        }
// Removes one flag's definition from a TypeScript, JSON or YAML registry file, as whole lines with
// the comments attached above it; returns null when the file should be deleted.
import { parse as parseYaml } from "yaml";
import { ts } from "ts-morph";
import type { FlagDefinition } from "../registry/definition.js";
import { parse } from "../languages/typescript/cleanup/context.js";
import { applyEdits, type Edit } from "./edit.js";
import { endsLine, lineStart, nextLineStart, startsLine } from "../languages/typescript/cleanup/layout.js";
import { removePythonConstant } from "../languages/python/cleanup/registry.js";

export type RegistryEntryResult = { text: string | null } | { problem: string };

/**
 * The registry file's text without `definition`, `null` when the file holds nothing else and the
 * source keeps one file per flag (its path is a glob), or a problem when the entry cannot be found.
 */
export function removeRegistryEntry(text: string, definition: FlagDefinition, onlyFlagOfFile: boolean): RegistryEntryResult {
  if (onlyFlagOfFile && /[*?{[]/.test(definition.source.path)) return { text: null };
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom === "" ? text : text.slice(1);
  const type = definition.source.type;
  let result: string | undefined;
  if (type === "typescript") result = removeFromScript(body, definition);
  else if (type === "json" || type === "waffle" && definition.file.endsWith(".json")) result = removeFromJson(body, definition);
  else if (type === "yaml") result = removeFromYaml(body, definition);
  else if (type === "python") result = removePythonConstant(body, definition);
  else if (type === "django-migrations" || type === "waffle-db")
    return { problem: `\`${definition.flag}\` lives in the database; run the cleanup with \`--migration\` to write a Django migration that deletes it` };
  else return { problem: `removing a definition from a \`${type}\` registry is not supported; remove \`${definition.flag}\` by hand` };
  if (result === undefined) return { problem: `the definition of \`${definition.flag}\` was not found where the registry reported it` };
  return { text: bom + result };
}

function nodeLine(sourceFile: ts.SourceFile, node: ts.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Whether the node names or holds the flag (by slug or by the constant's last segment). */
function mentions(node: ts.Node, definition: FlagDefinition): boolean {
  const constant = definition.constant?.split(".").pop();
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(child) && child.text === definition.flag) found = true;
    else if (ts.isIdentifier(child) && (child.text === definition.flag || child.text === constant)) found = true;
    else ts.forEachChild(child, visit);
  };
  const name = (node as { name?: ts.Node }).name;
  if (name !== undefined) visit(name);
  if (!found && !ts.isPropertyAssignment(node)) visit(node);
  else if (!found && ts.isPropertyAssignment(node) && ts.isStringLiteralLike(node.initializer)) visit(node.initializer);
  return found;
}

/** Deletes a list element (enum member, property, array element) with its comma and attached comments. */
function deleteElement(text: string, sourceFile: ts.SourceFile, element: ts.Node, elements: readonly ts.Node[], allowTrailingComma: boolean): string {
  const index = elements.indexOf(element);
  const next = elements[index + 1];
  const previous = elements[index - 1];
  let start = element.getStart(sourceFile);
  const comments = ts.getLeadingCommentRanges(text, element.getFullStart()) ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if ((text.slice(comment.end, start).match(/\n/g) ?? []).length > 1 || !startsLine(text, comment.pos)) break;
    start = comment.pos;
  }
  let end = element.end;
  if (text[end] === ",") end++;
  let edit: Edit;
  if (startsLine(text, start) && endsLine(text, end)) {
    edit = { start: lineStart(text, start), end: nextLineStart(text, end), text: "" };
    if (next === undefined && !allowTrailingComma && previous !== undefined) {
      const comma = text.slice(previous.end, start).indexOf(",");
      if (comma !== -1) return applyEdits(text, [{ start: previous.end + comma, end: previous.end + comma + 1, text: "" }, edit]).text;
    }
  } else if (next !== undefined) edit = { start, end: next.getStart(sourceFile), text: "" };
  else if (previous !== undefined) edit = { start: previous.end, end: element.end, text: "" };
  else edit = { start, end, text: "" };
  return applyEdits(text, [edit]).text;
}

function removeFromScript(text: string, definition: FlagDefinition): string | undefined {
  const sourceFile = parse(text, definition.file);
  const candidates: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isEnumMember(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isVariableStatement(node) || ts.isStringLiteral(node) && ts.isArrayLiteralExpression(node.parent))
      if (mentions(node, definition)) candidates.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const onLine = candidates.filter((node) => definition.line === undefined || nodeLine(sourceFile, node) === definition.line);
  const node = (onLine.length > 0 ? onLine : candidates).find((n) => !ts.isVariableStatement(n) || ts.isSourceFile(n.parent));
  if (node === undefined) return undefined;
  if (ts.isVariableStatement(node)) {
    if (node.declarationList.declarations.length !== 1) return undefined;
    return deleteElement(text, sourceFile, node, node.parent.kind === ts.SyntaxKind.SourceFile ? (node.parent as ts.SourceFile).statements : [node], true);
  }
  const parent = node.parent as ts.EnumDeclaration | ts.ObjectLiteralExpression | ts.ArrayLiteralExpression;
  const elements = ts.isEnumDeclaration(parent) ? parent.members : ts.isObjectLiteralExpression(parent) ? parent.properties : parent.elements;
  return deleteElement(text, sourceFile, node, elements, true);
}

function removeFromJson(text: string, definition: FlagDefinition): string | undefined {
  const sourceFile = ts.parseJsonText(definition.file, text);
  const candidates: Array<{ node: ts.Node; elements: readonly ts.Node[] }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node))
      for (const property of node.properties)
        if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.name) && property.name.text === definition.flag) candidates.push({ node: property, elements: node.properties });
    if (ts.isArrayLiteralExpression(node))
      for (const element of node.elements) {
        const isSlug = ts.isStringLiteral(element) && element.text === definition.flag;
        const isNamed = ts.isObjectLiteralExpression(element) && namesFlag(element, definition.flag);
        if (isSlug || isNamed) candidates.push({ node: element, elements: node.elements });
      }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const onLine = candidates.filter(({ node }) => definition.line === undefined || nodeLine(sourceFile, node) === definition.line);
  const found = onLine[0] ?? candidates[0];
  if (found === undefined) return undefined;
  return deleteElement(text, sourceFile, found.node, found.elements, false);
}

/** `{ "key": "ff_x" }`, or Django `dumpdata`'s `{ "model": ..., "fields": { "name": "ff_x" } }`. */
function namesFlag(object: ts.ObjectLiteralExpression, flag: string): boolean {
  return object.properties.some((p) => {
    if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) return false;
    if (p.name.text === "fields" && ts.isObjectLiteralExpression(p.initializer)) return namesFlag(p.initializer, flag);
    return ["name", "key", "slug", "id", "flag"].includes(p.name.text) && ts.isStringLiteral(p.initializer) && p.initializer.text === flag;
  });
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
