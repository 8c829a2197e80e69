import ts from "../typescript-api.cjs";
import { unparen, type StepContext } from "./context.js";

/**
 * The values a value flag's checks were replaced by (`--value '{"limit":3}'`), and the parts of them the
 * steps read (`.limit` -> 3). Each stands in the text as a placeholder identifier `__<stem><index>__`,
 * so a literal the author wrote is never folded; they become JSON literals once nothing else changes.
 * Booleans never get a slot: they are the cleanup's on/off placeholders, which the boolean steps fold.
 */
export interface ValueSlots {
  stem: string;
  values: unknown[];
}

export function chooseValueSlots(text: string): ValueSlots {
  let stem = "flagScanValue";
  while (text.includes(`__${stem}`)) stem = `_${stem}`;
  return { stem, values: [] };
}

/** The placeholder text standing for `value`. */
export function slotText(context: StepContext, value: unknown): string {
  if (value === true) return context.on;
  if (value === false) return context.off;
  if (value === undefined) return "undefined";
  const slots = context.values!;
  let index = slots.values.findIndex((known) => JSON.stringify(known) === JSON.stringify(value));
  if (index < 0) index = slots.values.push(value) - 1;
  return `__${slots.stem}${index}__`;
}

/** The value `node` stands for when it is a slot (through parentheses and type-only wrappers). */
export function slotValue(context: StepContext, node: ts.Node | undefined): { value: unknown } | undefined {
  const slots = context.values;
  if (slots === undefined || node === undefined || !ts.isExpression(node)) return undefined;
  let inner = unparen(node);
  while (ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isNonNullExpression(inner) || ts.isTypeAssertionExpression(inner)) inner = unparen(inner.expression);
  if (!ts.isIdentifier(inner)) return undefined;
  const match = new RegExp(`^__${slots.stem}(\\d+)__$`).exec(inner.text);
  if (match === null) return undefined;
  return { value: slots.values[Number(match[1])] };
}

/**
 * Writes the slots left in `text` as JSON literals; an object literal gets parentheses where a `{` would
 * open a block (a statement's start, an arrow's body).
 */
export function writeValues(text: string, slots: ValueSlots, fileName: string): string {
  const pattern = new RegExp(`__${slots.stem}(\\d+)__`, "g");
  if (!pattern.test(text)) return text;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const needsParens = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text.startsWith(`__${slots.stem}`)) {
      const parent = node.parent;
      if (ts.isExpressionStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) needsParens.add(node.getStart(sourceFile));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return text.replace(pattern, (_match, index: string, offset: number) => {
    const value = slots.values[Number(index)];
    const literal = JSON.stringify(value) ?? "undefined";
    return value !== null && typeof value === "object" && !Array.isArray(value) && needsParens.has(offset) ? `(${literal})` : literal;
  });
}
