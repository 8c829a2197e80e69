import ts from "../typescript-api.cjs";
import { parseTypeScript } from "../parse.js";
import type { AccessorConfig } from "../../../config/schema.js";
import type { Edit } from "../../../cleanup/edit.js";

/**
 * What every cleanup step sees: the current text, its parse, and how to recognise the values the
 * cleanup itself introduced. Introduced values are written as two placeholder identifiers that
 * cannot occur in the file, so a `true` the author wrote is never mistaken for one; they become
 * `true`/`false` once nothing else changes.
 */
export interface StepContext {
  text: string;
  sourceFile: ts.SourceFile;
  /** Placeholder identifier for an introduced `true`. */
  on: string;
  /** Placeholder identifier for an introduced `false`. */
  off: string;
  /** Accessor configs of the project (to find HOC props, `property` accessors, pure accessor calls). */
  accessors: readonly AccessorConfig[];
  /** Last segment of every call accessor name: calls to these are free of side effects. */
  accessorNames: ReadonlySet<string>;
  /** Identifier reference counts of the file before the cleanup: only what became unused is deleted. */
  originalUses: ReadonlyMap<string, number>;
  /** The value a value flag was frozen at and the parts read from it, when cleaning one (values.ts). */
  values?: import("./values.js").ValueSlots;
}

/** One generic rewrite: reads the parse, returns edits; never writes. */
export type CleanupStep = (context: StepContext) => Edit[];

/** The rewrite parses as the scanner does (`parseTypeScript`); the argument order is the steps'. */
export function parse(text: string, fileName: string): ts.SourceFile {
  return parseTypeScript(fileName, text);
}

/** The first syntax error of a parse as `line:column message`, or undefined. */
export function firstParseError(sourceFile: ts.SourceFile): string | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(first.messageText, " ")}`;
}

export function unparen(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** The introduced value `node` stands for, or undefined when it is not a placeholder. */
export function placeholderValue(context: StepContext, node: ts.Node | undefined): boolean | undefined {
  if (node === undefined || !ts.isExpression(node)) return undefined;
  let inner = unparen(node);
  // Type-only wrappers change nothing at run time: `(isFeatureEnabled("x") as boolean)`.
  while (ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isNonNullExpression(inner) || ts.isTypeAssertionExpression(inner)) inner = unparen(inner.expression);
  if (!ts.isIdentifier(inner)) return undefined;
  if (inner.text === context.on) return true;
  if (inner.text === context.off) return false;
  return undefined;
}

export function placeholder(context: StepContext, value: boolean): string {
  return value ? context.on : context.off;
}

/** Visits every node of the file, parents before children. */
export function forEachNode(root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(root);
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The callee's last name segment: `isFeatureEnabled` for `flags.isFeatureEnabled(...)`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** The simple names of call accessors. */
export function accessorNamesOf(accessors: readonly AccessorConfig[]): Set<string> {
  const names = new Set<string>();
  for (const accessor of accessors) {
    if ("call" in accessor) names.add(accessor.call.split(".").pop() ?? accessor.call);
    if ("hoc" in accessor) names.add(accessor.hoc);
  }
  return names;
}
