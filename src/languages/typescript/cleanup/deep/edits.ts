import ts from "../../typescript-api.cjs";
import { applyEdits, type Edit } from "../../../../cleanup/edit.js";
import { isBlankLine, lineStart, nextLineStart } from "../../../../cleanup/lines.js";
import { factsOf, type FileFacts } from "./facts.js";
import { isPure } from "./side-effects.js";

/** The range that deletes a whole top-level statement: its leading comments, its lines, and one blank line. */
export function statementRange(sourceFile: ts.SourceFile, node: ts.Node): Edit {
  const text = sourceFile.text;
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const first = comments.find((c) => c.pos >= lineStart(text, node.getStart(sourceFile)) - 1 || true);
  let start = lineStart(text, first !== undefined ? first.pos : node.getStart(sourceFile));
  let end = nextLineStart(text, node.getEnd());
  // One blank line goes with the statement, so no double blank line is left.
  if (isBlankLine(text, end) && (start === 0 || isBlankLine(text, lineStart(text, start - 1)))) end = nextLineStart(text, end);
  else if (end >= text.length && start > 0 && isBlankLine(text, lineStart(text, start - 1))) start = lineStart(text, start - 1);
  return { start, end, text: "" };
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/**
 * The text of the file without export `name`: the declaration goes when nothing else in the file uses it,
 * otherwise only the `export`. Undefined when it cannot be removed safely (an impure initializer).
 */
export function removeExport(file: string, facts: FileFacts, name: string): string | undefined {
  const { sourceFile } = facts;
  const edits: Edit[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const elements = statement.exportClause.elements;
      const index = elements.findIndex((e) => e.name.text === name);
      if (index === -1) continue;
      if (elements.length === 1) edits.push(statementRange(sourceFile, statement));
      else edits.push(listElementRange(sourceFile, elements, index));
      if (!statement.moduleSpecifier) {
        const local = (elements[index]!.propertyName ?? elements[index]!.name).text;
        const declaration = facts.info.declarations.get(local);
        if (declaration !== undefined && (facts.identifiers.get(local) ?? 0) <= 2) {
          const whole = declarationStatement(declaration);
          if (whole !== undefined) edits.push(statementRange(sourceFile, whole));
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement) && name === "default") {
      if (!isPure(statement.expression)) return undefined;
      edits.push(statementRange(sourceFile, statement));
      continue;
    }
    if (!isExported(statement)) continue;
    const isDefault = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    const declared = declaredName(statement);
    if (declared === undefined || (isDefault ? "default" : declared) !== name) {
      if (!(isDefault && name === "default" && declared === undefined)) continue;
    }
    const local = declared;
    const usedElsewhere = local !== undefined && (facts.identifiers.get(local) ?? 0) > 1;
    if (usedElsewhere) {
      const modifiers = ts.getModifiers(statement as ts.HasModifiers) ?? [];
      const exportKeyword = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)!;
      const last = isDefault ? modifiers.find((m) => m.kind === ts.SyntaxKind.DefaultKeyword)! : exportKeyword;
      edits.push({ start: exportKeyword.getStart(sourceFile), end: skipSpaces(sourceFile.text, last.getEnd()), text: "" });
    } else {
      if (ts.isVariableStatement(statement)) {
        if (statement.declarationList.declarations.some((d) => d.initializer !== undefined && !isPure(d.initializer))) return undefined;
        if (statement.declarationList.declarations.length > 1) return undefined;
      }
      edits.push(statementRange(sourceFile, statement));
    }
  }
  if (edits.length === 0) return undefined;
  const after = applyEdits(sourceFile.text, edits).text;
  return pruneUnused(file, facts, after);
}

function declaredName(statement: ts.Statement): string | undefined {
  if (ts.isVariableStatement(statement)) {
    const [first] = statement.declarationList.declarations;
    return first !== undefined && ts.isIdentifier(first.name) ? first.name.text : undefined;
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name !== undefined && ts.isIdentifier(named.name) ? named.name.text : undefined;
}

function declarationStatement(node: ts.Node): ts.Statement | undefined {
  if (ts.isVariableDeclaration(node)) {
    const statement = node.parent.parent;
    if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
    if (node.initializer !== undefined && !isPure(node.initializer)) return undefined;
    return statement;
  }
  return ts.isSourceFile(node.parent) ? (node as ts.Statement) : undefined;
}

function listElementRange(sourceFile: ts.SourceFile, elements: ts.NodeArray<ts.Node>, index: number): Edit {
  const element = elements[index]!;
  if (index < elements.length - 1) return { start: element.getStart(sourceFile), end: elements[index + 1]!.getStart(sourceFile), text: "" };
  return { start: elements[index - 1]!.getEnd(), end: element.getEnd(), text: "" };
}

/**
 * After an edit: removes the import bindings and the top-level, non-exported declarations that the edit
 * left unused (used in `before`, unused now), until nothing more goes. What was unused before stays.
 */
export function pruneUnused(file: string, before: FileFacts, text: string): string {
  const pruned = pruneRounds(file, before, text);
  // Every import gone at once leaves the blank line that followed them at the top.
  return pruned !== text && !/^\r?\n/.test(before.text) ? pruned.replace(/^(\r?\n)+/, "") : pruned;
}

function pruneRounds(file: string, before: FileFacts, text: string): string {
  for (let round = 0; round < 20; round++) {
    const facts = factsOf(file, text);
    const droppedToOne = (name: string): boolean => (facts.identifiers.get(name) ?? 0) <= 1 && (before.identifiers.get(name) ?? 0) > 1;
    const edits: Edit[] = [];
    for (const statement of facts.sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        const names: ts.Identifier[] = [];
        if (clause.name) names.push(clause.name);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name);
        if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => e.name));
        const dropped = names.filter((n) => droppedToOne(n.text));
        if (dropped.length === 0) continue;
        const unused = names.filter((n) => (facts.identifiers.get(n.text) ?? 0) <= 1);
        if (unused.length === names.length) edits.push(statementRange(facts.sourceFile, statement));
        else if (bindings && ts.isNamedImports(bindings) && !dropped.includes(clause.name!)) {
          const remaining = bindings.elements.filter((e) => !dropped.includes(e.name));
          if (remaining.length > 0) {
            const textOf = (e: ts.ImportSpecifier) => e.getText(facts.sourceFile);
            edits.push({ start: bindings.getStart(facts.sourceFile), end: bindings.getEnd(), text: `{ ${remaining.map(textOf).join(", ")} }` });
          }
        }
        continue;
      }
      if (isExported(statement)) continue;
      const name = declaredName(statement);
      if (name === undefined || !droppedToOne(name)) continue;
      if (ts.isVariableStatement(statement) && (statement.declarationList.declarations.length !== 1 || !isPure(statement.declarationList.declarations[0]!.initializer ?? ts.factory.createTrue())))
        continue;
      if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isVariableStatement(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement))
        edits.push(statementRange(facts.sourceFile, statement));
    }
    if (edits.length === 0) return text;
    const next = applyEdits(text, edits).text;
    if (next === text) return text;
    text = next;
  }
  return text;
}

/** The text without the `export * from` / `export {…} from` lines whose specifier is in `specifiers`. */
export function removeReexportsOf(facts: FileFacts, isDeleted: (specifier: string) => boolean): string | undefined {
  const edits: Edit[] = [];
  for (const statement of facts.sourceFile.statements)
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && isDeleted(statement.moduleSpecifier.text))
      edits.push(statementRange(facts.sourceFile, statement));
  return edits.length === 0 ? undefined : applyEdits(facts.sourceFile.text, edits).text;
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  return pos;
}
