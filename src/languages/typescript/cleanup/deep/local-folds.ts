import ts from "../../typescript-api.cjs";
import { applyEdits, type Edit } from "../../../../cleanup/edit.js";
import type { Placeholders } from "../../../../cleanup/fixpoint.js";
import { lineStart, nextLineStart, startsLine } from "../../../../cleanup/lines.js";
import { parseTypeScript } from "../../parse.js";
import { isDeclarationOrPropertyName } from "../bindings.js";
import { foldSeeded } from "../rewrite.js";
import { factsOf } from "./facts.js";
import { isPure } from "./side-effects.js";

/**
 * Folds what the flag's removal left constant and the per-file rewrite does not see: `x && false` and
 * `x || true` with a side-effect-free `x`, then `false && y`/`true || y`, `{false}` JSX children, and JSX
 * children left as `{false}`. Only expressions whose text is not in `before` are
 * touched: what the author wrote stays as written. Returns the new text and what was folded.
 */
export function foldLocally(fileName: string, before: string, text: string, beforeIdentifiers?: ReadonlyMap<string, number>): { text: string; folded: string[] } {
  const folded: string[] = [];
  let beforeCounts: ReadonlyMap<string, number> | undefined = beforeIdentifiers;
  for (let round = 0; round < 20; round++) {
    // The deep step reads the same text's facts next: one parse serves both.
    const sourceFile = factsOf(fileName, text).sourceFile;
    const edits: Edit[] = [];
    const isNew = (node: ts.Node): boolean => !before.includes(node.getText(sourceFile));
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && isNew(node)) {
        const operator = node.operatorToken.kind;
        const left = unwrap(node.left);
        const right = unwrap(node.right);
        const absorbing = operator === ts.SyntaxKind.AmpersandAmpersandToken ? ts.SyntaxKind.FalseKeyword : operator === ts.SyntaxKind.BarBarToken ? ts.SyntaxKind.TrueKeyword : undefined;
        if (absorbing !== undefined && (left.kind === absorbing || (right.kind === absorbing && isPure(node.left)))) {
          edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: absorbing === ts.SyntaxKind.FalseKeyword ? "false" : "true" });
          if (left.kind !== absorbing) folded.push(node.getText(sourceFile).split("\n")[0]!.slice(0, 60));
          return;
        }
      }
      if (ts.isConditionalExpression(node) && isNew(node)) {
        const condition = unwrap(node.condition).kind;
        if (condition === ts.SyntaxKind.TrueKeyword || condition === ts.SyntaxKind.FalseKeyword) {
          const kept = condition === ts.SyntaxKind.TrueKeyword ? node.whenTrue : node.whenFalse;
          edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: kept.getText(sourceFile) });
          return;
        }
      }
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken && isNew(node)) {
        const operand = unwrap(node.operand).kind;
        if (operand === ts.SyntaxKind.TrueKeyword || operand === ts.SyntaxKind.FalseKeyword) {
          edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: operand === ts.SyntaxKind.TrueKeyword ? "false" : "true" });
          return;
        }
      }
      if ((ts.isSpreadAssignment(node) || ts.isSpreadElement(node) || ts.isJsxSpreadAttribute(node)) && isNew(node) && spreadsNothing(node)) {
        edits.push(spreadRemoval(sourceFile, node));
        folded.push(node.getText(sourceFile).slice(0, 60));
        return;
      }
      if ((ts.isSpreadAssignment(node) || ts.isSpreadElement(node)) && isNew(node)) {
        const inlined = spreadInlined(sourceFile, node);
        if (inlined) {
          edits.push(inlined);
          folded.push(node.getText(sourceFile).split("\n")[0]!.slice(0, 60));
          return;
        }
      }
      if (ts.isJsxExpression(node) && node.expression?.kind === ts.SyntaxKind.FalseKeyword && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        const start = node.getStart(sourceFile);
        const end = node.getEnd();
        const alone = startsLine(sourceFile.text, start) && /^[ \t]*\r?\n?$/.test(sourceFile.text.slice(end, nextLineStart(sourceFile.text, end)));
        // `{false}` is also how an author writes a prop (`allowCustomValue={false}`): a child alone on its
        // line is new unless the author wrote one so too.
        if (isNew(node) || (alone && !AUTHORED_FALSE_CHILD.test(before))) {
          edits.push(alone ? { start: lineStart(sourceFile.text, start), end: nextLineStart(sourceFile.text, end), text: "" } : { start, end, text: "" });
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    if (edits.length === 0) {
      const lets = inlineConstantLets(sourceFile, before, folded);
      if (lets?.boolean) {
        // A boolean goes through the cleanup's own steps, so `if (false) {…}` goes as a flag's check would.
        const current = text;
        text = foldSeeded(fileName, current, (placeholders) => applyEdits(current, lets.edits(placeholders)).text);
        continue;
      }
      if (lets) edits.push(...lets.edits());
    }
    if (edits.length === 0) edits.push(...inlineAliases(sourceFile, before, folded));
    if (edits.length === 0) edits.push(...removeDeadLocals(sourceFile, (beforeCounts ??= identifierCounts(parseTypeScript(fileName, before))), folded));
    if (edits.length === 0) break;
    const next = applyEdits(text, edits).text;
    if (next === text) break;
    text = next;
  }
  return { text, folded };
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}

const LITERALS = new Set([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.StringLiteral]);

/**
 * `let x = false; ... x ? a : b` where the cleanup removed the only assignment of another value: every
 * remaining assignment is the same literal, so each read becomes the literal and the `let` and its
 * assignments go. Only when the file declares no other `x` (no shadowing) and nothing updates it otherwise.
 */
/**
 * The edits that inline the first `let` whose every assignment is the literal it starts with: its reads
 * become the literal (or, for a boolean, the placeholder given), its declaration and assignments go.
 */
function inlineConstantLets(
  sourceFile: ts.SourceFile,
  before: string,
  folded: string[],
): { boolean: boolean; edits: (placeholders?: Placeholders) => Edit[] } | undefined {
  const declarations = new Map<string, ts.Node[]>();
  const collect = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isBindingElement(node)) && name && ts.isIdentifier(name))
      declarations.set(name.text, [...(declarations.get(name.text) ?? []), node]);
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  for (const [name, nodes] of declarations) {
    if (nodes.length !== 1) continue;
    const declaration = nodes[0]!;
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !LITERALS.has(declaration.initializer.kind)) continue;
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Let) || list.declarations.length !== 1 || !ts.isVariableStatement(list.parent)) continue;
    const literal = declaration.initializer.getText(sourceFile);
    const assignments: ts.ExpressionStatement[] = [];
    const reads: ts.Identifier[] = [];
    let safe = true;
    const visit = (node: ts.Node): void => {
      if (!safe) return;
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
        const parent = node.parent;
        if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || ts.isShorthandPropertyAssignment(parent)) {
          if (ts.isShorthandPropertyAssignment(parent)) safe = false;
          return;
        }
        if (ts.isBinaryExpression(parent) && parent.left === node) {
          const isPlainAssignment = parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right.getText(sourceFile) === literal && ts.isExpressionStatement(parent.parent);
          if (isPlainAssignment) assignments.push(parent.parent as ts.ExpressionStatement);
          else if (parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) safe = false;
          else reads.push(node);
          return;
        }
        if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
          if (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken) safe = false;
        }
        reads.push(node);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    // Only what the cleanup made constant: the text before assigned `name` something else.
    const assignedBefore = new RegExp(`(^|[^.\\w$])${name.replace(/\$/g, "\\$")}\\s*=[^=]`, "g");
    if (!safe || reads.length === 0 || (before.match(assignedBefore)?.length ?? 0) <= assignments.length + 1) continue;
    folded.push(`let ${name} = ${literal}`);
    const kind = declaration.initializer.kind;
    const boolean = kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword;
    return {
      boolean,
      edits: (placeholders) => {
        const value = placeholders && boolean ? (kind === ts.SyntaxKind.TrueKeyword ? placeholders.on : placeholders.off) : literal;
        return [
          statementEdit(sourceFile, list.parent),
          ...assignments.map((statement) => statementEdit(sourceFile, statement)),
          ...reads.map((read) => ({ start: read.getStart(sourceFile), end: read.getEnd(), text: value })),
        ];
      },
    };
  }
  return undefined;
}

function statementEdit(sourceFile: ts.SourceFile, statement: ts.Statement): Edit {
  const text = sourceFile.text;
  const start = statement.getStart(sourceFile);
  if (startsLine(text, start) && /^[ \t]*\r?\n?$/.test(text.slice(statement.getEnd(), nextLineStart(text, statement.getEnd()))))
    return { start: lineStart(text, start), end: nextLineStart(text, statement.getEnd()), text: "" };
  return { start, end: statement.getEnd(), text: "" };
}

/** A `{false}` alone on its line: as a JSX child, one an author wrote. */
const AUTHORED_FALSE_CHILD = /^[ \t]*\{false\}[ \t]*\r?$/m;

/** `...{}`, `...[]`, and in an object or JSX `...false`/`...null`/`...undefined`: spreads that add nothing. */
function spreadsNothing(node: ts.SpreadAssignment | ts.SpreadElement | ts.JsxSpreadAttribute): boolean {
  const inner = unwrap(node.expression);
  if (ts.isSpreadElement(node)) return ts.isArrayLiteralExpression(inner) && inner.elements.length === 0;
  if (ts.isObjectLiteralExpression(inner)) return inner.properties.length === 0;
  return inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === "undefined");
}

/**
 * `[a, ...[b, c]]` -> `[a, b, c]` and `{ a, ...{ b: 2 } }` -> `{ a, b: 2 }`: what `...(flag ? [x] : [])`
 * and `...(flag ? { b: 2 } : {})` leave when the flag is kept on. Only plain contents: no holes, and in an
 * object only property assignments and spreads (a getter or method spread is copied as a value, written
 * out it would stay a getter) with names the object does not already have (TypeScript refuses duplicates;
 * `__proto__` would set the prototype).
 */
function spreadInlined(sourceFile: ts.SourceFile, node: ts.SpreadAssignment | ts.SpreadElement): Edit | undefined {
  const inner = unwrap(node.expression);
  let items: ts.NodeArray<ts.Node>;
  if (ts.isSpreadElement(node)) {
    if (!ts.isArrayLiteralExpression(node.parent) || !ts.isArrayLiteralExpression(inner) || inner.elements.some(ts.isOmittedExpression)) return undefined;
    items = inner.elements;
  } else {
    if (!ts.isObjectLiteralExpression(inner) || !ts.isObjectLiteralExpression(node.parent)) return undefined;
    const plain = inner.properties.every((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p));
    if (!plain) return undefined;
    const names = (properties: readonly ts.ObjectLiteralElementLike[]) => properties.flatMap((p) => (p.name && !ts.isComputedPropertyName(p.name) ? [p.name.getText(sourceFile).replace(/^["']|["']$/g, "")] : []));
    const added = names(inner.properties);
    if (added.includes("__proto__") || inner.properties.some((p) => p.name !== undefined && ts.isComputedPropertyName(p.name))) return undefined;
    const siblings = new Set(names(node.parent.properties.filter((p) => p !== node)));
    if (added.some((name) => siblings.has(name))) return undefined;
    items = inner.properties;
  }
  if (items.length === 0) return undefined;
  const text = sourceFile.text;
  const start = items[0]!.getStart(sourceFile);
  const written = text.slice(start, items[items.length - 1]!.getEnd());
  // The contents sat deeper than the spread (inside `? [` ... `]`): their later lines move out by as much.
  const column = (offset: number) => offset - lineStart(text, offset);
  const deeper = column(start) - column(node.getStart(sourceFile));
  const outdented = deeper > 0 && !items.some((item) => spansLinesInAString(sourceFile, item)) ? written.replace(new RegExp(`\n[ \t]{${deeper}}`, "g"), "\n") : written;
  return { start: node.getStart(sourceFile), end: node.getEnd(), text: outdented };
}

/** Whether a template or string literal under `node` spans lines: moving those lines would change its value. */
function spansLinesInAString(sourceFile: ts.SourceFile, node: ts.Node): boolean {
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && node.getText(sourceFile).includes("\n")) return true;
  return ts.forEachChild(node, (child) => spansLinesInAString(sourceFile, child) || undefined) ?? false;
}

function spreadRemoval(sourceFile: ts.SourceFile, node: ts.SpreadAssignment | ts.SpreadElement | ts.JsxSpreadAttribute): Edit {
  if (ts.isJsxSpreadAttribute(node)) return { start: node.getFullStart(), end: node.getEnd(), text: "" };
  const parent = node.parent as ts.ObjectLiteralExpression | ts.ArrayLiteralExpression | ts.CallExpression | ts.NewExpression;
  const list = (ts.isObjectLiteralExpression(parent) ? parent.properties : ts.isArrayLiteralExpression(parent) ? parent.elements : parent.arguments!) as ts.NodeArray<ts.Node>;
  const index = list.indexOf(node);
  if (list.length === 1) {
    // The only element: the braces (or brackets, or parentheses) close up.
    if (ts.isObjectLiteralExpression(parent)) return { start: parent.getStart(sourceFile), end: parent.getEnd(), text: "{}" };
    if (ts.isArrayLiteralExpression(parent)) return { start: parent.getStart(sourceFile), end: parent.getEnd(), text: "[]" };
    return { start: list.pos, end: list.end, text: "" };
  }
  if (index < list.length - 1) return { start: node.getStart(sourceFile), end: list[index + 1]!.getStart(sourceFile), text: "" };
  return { start: list[index - 1]!.getEnd(), end: node.getEnd(), text: "" };
}

/** Every identifier's count in a file (declarations included). */
function identifierCounts(sourceFile: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return counts;
}

/** Every name the file declares, with its declarations: variables, parameters, functions, classes, imports. */
function declarationsOf(sourceFile: ts.SourceFile): Map<string, ts.Node[]> {
  const declarations = new Map<string, ts.Node[]>();
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    const declares =
      ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node) ||
      ts.isBindingElement(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node) || ts.isEnumDeclaration(node);
    if (declares && name && ts.isIdentifier(name)) declarations.set(name.text, [...(declarations.get(name.text) ?? []), node]);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return declarations;
}

/**
 * `const HomePage = WelcomePage` (or `= "new"`), which the fold left of `cond ? WelcomePage : OldHomePage`:
 * each read of the alias becomes what it holds and the declaration goes. Only a declaration whose text
 * the cleanup made, only when the file declares the alias once and its value's name once (and not as a
 * `let`/`var`, which could change), so no read can mean another binding.
 */
function inlineAliases(sourceFile: ts.SourceFile, before: string, folded: string[]): Edit[] {
  const declarations = declarationsOf(sourceFile);
  for (const [name, nodes] of declarations) {
    if (nodes.length !== 1) continue;
    const declaration = nodes[0]!;
    if (!ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) continue;
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || list.declarations.length !== 1 || !ts.isVariableStatement(list.parent)) continue;
    const statement = list.parent;
    if (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DeclareKeyword)) continue;
    if (declaration.type !== undefined || before.includes(statement.getText(sourceFile))) continue;
    const value = unwrap(declaration.initializer);
    const isName = ts.isIdentifier(value) && value.text !== "undefined";
    if (!isName && !LITERALS.has(value.kind) && !(ts.isIdentifier(value) && value.text === "undefined")) continue;
    if (isName) {
      const target = declarations.get(value.text) ?? [];
      if (target.length !== 1) continue;
      const held = target[0]!;
      if (ts.isVariableDeclaration(held) && !(held.parent.flags & ts.NodeFlags.Const)) continue;
      if (ts.isParameter(held) || ts.isBindingElement(held)) continue;
    }
    const replacement = value.getText(sourceFile);
    const reads: Edit[] = [];
    let safe = true;
    const visit = (node: ts.Node): void => {
      if (!safe) return;
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
        const parent = node.parent;
        if (ts.isShorthandPropertyAssignment(parent)) reads.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: `${name}: ${replacement}` });
        else if (ts.isExportSpecifier(parent) || ts.isTypeQueryNode(parent) || ts.isTypeReferenceNode(parent)) safe = false;
        else if (isDeclarationOrPropertyName(node)) return;
        else if (!isName && (ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent))) safe = false;
        else reads.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: replacement });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    if (!safe || reads.length === 0) continue;
    folded.push(`const ${name} = ${replacement}`);
    return [statementEdit(sourceFile, statement), ...reads];
  }
  return [];
}

/**
 * A local inside a function that only the removed code read (`const canRefund = order.x && y`, or an
 * unused pure wrapper `const Old = inject("s")(observer(OldView))`): it goes when its value has no side
 * effect. Top-level ones are pruned with the imports (edits.ts pruneUnused).
 */
function removeDeadLocals(sourceFile: ts.SourceFile, beforeCounts: ReadonlyMap<string, number>, folded: string[]): Edit[] {
  const counts = identifierCounts(sourceFile);
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node) && !ts.isSourceFile(node.parent) && node.declarationList.declarations.length === 1) {
      const [declaration] = node.declarationList.declarations;
      const name = declaration!.name;
      if (ts.isIdentifier(name) && counts.get(name.text) === 1 && (beforeCounts.get(name.text) ?? 0) > 1 && (declaration!.initializer === undefined || isPure(declaration!.initializer))) {
        edits.push(statementEdit(sourceFile, node));
        folded.push(`const ${name.text}`);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return edits;
}
