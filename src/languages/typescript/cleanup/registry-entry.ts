// Before:  enum FeatureFlags {
//            NEW_CHECKOUT = "ff_new_checkout",
//            SEARCH = "ff_search",
//          }
// After:   enum FeatureFlags {
//            SEARCH = "ff_search",
//          }
// Removes one flag's definition from a TypeScript or JavaScript registry module (an enum member, an object
// property, an array element or a constant), as whole lines with the comments attached above it.
import ts from "../typescript-api.cjs";
import type { FlagDefinition } from "../../../registry/definition.js";
import { applyEdits, type Edit } from "../../../cleanup/edit.js";
import { endsLine, lineStart, nextLineStart, startsLine } from "../../../cleanup/lines.js";
import { parse } from "./context.js";

/** The module's text without `definition`, or undefined when the definition is not where the registry said. */
export function removeScriptRegistryEntry(text: string, definition: FlagDefinition): string | undefined {
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
