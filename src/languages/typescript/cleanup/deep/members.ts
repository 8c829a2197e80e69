import ts from "../../typescript-api.cjs";
import { applyEdits, type Edit } from "../../../../cleanup/edit.js";
import { isBlankLine, lineStart, nextLineStart } from "../../../../cleanup/lines.js";
import { factsOf, type FileFacts } from "./facts.js";
import { isPure } from "./side-effects.js";

/** The lines of a class member or object property, with its leading comments and the comma after it. */
function memberRange(sourceFile: ts.SourceFile, node: ts.Node): Edit {
  const text = sourceFile.text;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const first = comments.length > 0 ? Math.min(comments[0]!.pos, node.getStart(sourceFile)) : node.getStart(sourceFile);
  let end = node.getEnd();
  if (text[end] === "," || text[end] === ";") end++;
  const start = lineStart(text, first);
  const onlyOnItsLines = /^[ \t]*$/.test(text.slice(start, first)) && /^[ \t]*(\r?\n|$)/.test(text.slice(end));
  if (!onlyOnItsLines) return { start: node.getStart(sourceFile), end, text: "" };
  let stop = nextLineStart(text, end);
  // A blank line before the next member goes when one before this member stays.
  if (isBlankLine(text, stop) && start > 0 && isBlankLine(text, lineStart(text, start - 1))) stop = nextLineStart(text, stop);
  return { start, end: stop, text: "" };
}

/**
 * Private class members (`private x`, `#x`) that only removed code used: their name occurred more than
 * once before and only at the declaration now, and no string spells it (`this["x"]`). Members of other
 * classes stay: a caller elsewhere may reach them through an instance, which no import shows.
 */
export function removeUnusedPrivateMembers(file: string, before: FileFacts, text: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  for (let round = 0; round < 10; round++) {
    const facts = factsOf(file, text);
    const edits: Edit[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node)) {
        for (const member of node.members) {
          if (!(ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member))) continue;
          const name = member.name;
          const isPrivate = ts.isPrivateIdentifier(name) || (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false);
          if (!isPrivate || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name))) continue;
          if ((ts.getDecorators(member)?.length ?? 0) > 0) continue;
          const key = name.text;
          if ((facts.identifiers.get(key) ?? 0) !== 1 || (before.identifiers.get(key) ?? 0) <= 1) continue;
          if (facts.strings.has(key.replace(/^#/, ""))) continue;
          if (ts.isPropertyDeclaration(member) && member.initializer !== undefined && !isPure(member.initializer)) continue;
          edits.push(memberRange(facts.sourceFile, member));
          removed.push(key);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(facts.sourceFile);
    if (edits.length === 0) break;
    text = applyEdits(text, edits).text;
  }
  return { text, removed };
}

/** `const X = defineMessages({ ... })` at the top of a file: the object literal of its entries. */
export function messageDescriptors(facts: FileFacts): Map<string, ts.ObjectLiteralExpression> {
  const found = new Map<string, ts.ObjectLiteralExpression>();
  for (const statement of facts.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer;
      if (!ts.isIdentifier(declaration.name) || call === undefined || !ts.isCallExpression(call)) continue;
      const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
      const [argument] = call.arguments;
      if (ts.isIdentifier(callee) && callee.text === "defineMessages" && argument !== undefined && ts.isObjectLiteralExpression(argument)) found.set(declaration.name.text, argument);
    }
  }
  return found;
}

/**
 * The entries of `local` that `facts` reads (`local.key`, `local["key"]`), or "all" when the object is
 * used otherwise (passed whole, spread, `Object.values(local)`, a computed key).
 */
export function entriesRead(facts: FileFacts, local: string, declaration?: ts.Node): Set<string> | "all" {
  const keys = new Set<string>();
  let all = false;
  const visit = (node: ts.Node): void => {
    if (all) return;
    if (ts.isIdentifier(node) && node.text === local && node !== declaration) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) keys.add(parent.name.text);
      else if (ts.isElementAccessExpression(parent) && parent.expression === node && ts.isStringLiteralLike(parent.argumentExpression)) keys.add(parent.argumentExpression.text);
      else if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || (ts.isPropertyAccessExpression(parent) && parent.name === node) || ts.isPropertyAssignment(parent) && parent.name === node) return;
      else if (ts.isVariableDeclaration(parent) && parent.name === node) return;
      else all = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(facts.sourceFile);
  return all ? "all" : keys;
}

/** The text without the entries `keys` of the descriptor object `object`. */
export function removeEntries(facts: FileFacts, object: ts.ObjectLiteralExpression, keys: ReadonlySet<string>): string {
  const edits: Edit[] = [];
  for (const property of object.properties) {
    const name = property.name;
    const key = name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
    if (key !== undefined && keys.has(key)) edits.push(memberRange(facts.sourceFile, property));
  }
  return applyEdits(facts.text, edits).text;
}
