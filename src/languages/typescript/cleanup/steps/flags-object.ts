// Before:  const { newCheckout, other } = useFlags();         flags.newCheckout ? <New /> : <Old />
// After:   const { other } = useFlags();                        __on__ ? <New /> : <Old />
//          const newCheckout = __on__;
// Seeds one read out of an object of flags. The binding becomes a local holding the introduced value,
// which the local step inlines; the `useFlags()` call goes with its last binding (the unused-declaration
// step removes a flags local nothing reads any more).
import ts from "../../typescript-api.cjs";
import type { FlagReference } from "../../../../scan/reference.js";
import { placeholder, type StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { indentAt, removeListElements } from "../layout.js";

export function seedFlagsObjectRead(context: StepContext, found: ts.Node, reference: FlagReference, value: boolean): Edit[] | string {
  // `{ newCheckout }`: the binding element and its name span the same text.
  const node = ts.isBindingElement(found.parent) && found.parent.getStart(context.sourceFile) === found.getStart(context.sourceFile) && found.parent.end === found.end ? found.parent : found;
  if (ts.isBindingElement(node)) return seedBinding(context, node, reference, value);
  if (!ts.isExpression(node)) return "the read is not an expression the cleanup recognises";
  const parent = node.parent;
  const isObjectRead =
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) ||
    (ts.isCallExpression(parent) && parent.expression === node);
  if (isObjectRead) return `the flag's value is used as an object here, not as on or off; rewrite this read by hand`;
  const target = ts.isAwaitExpression(parent) ? parent : node;
  return [{ start: target.getStart(context.sourceFile), end: target.end, text: placeholder(context, value) }];
}

function seedBinding(context: StepContext, element: ts.BindingElement, reference: FlagReference, value: boolean): Edit[] | string {
  const { sourceFile, text } = context;
  const pattern = element.parent;
  if (!ts.isIdentifier(element.name)) return `the flag's value is destructured further here; rewrite this binding by hand`;
  if (!ts.isObjectBindingPattern(pattern)) return "the read is not a binding the cleanup recognises";
  if (pattern.elements.some((e) => e.dotDotDotToken !== undefined)) {
    return `\`...${restName(pattern)}\` would hold this flag once its binding is gone; remove the binding by hand`;
  }
  const declaration = pattern.parent;
  const list = declaration.parent;
  if (ts.isBindingElement(declaration) && !ts.isParameter(outermostBinding(declaration))) {
    // `const { featureFlags: { newCheckout } } = useFeatureFlags()`: the pattern sits inside another.
    return `the flags of \`${reference.accessor}\` are destructured inside another pattern; rewrite this binding by hand`;
  }
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(list) || !ts.isVariableStatement(list.parent)) {
    return `the flags of \`${reference.accessor}\` are destructured in a parameter; rewrite this binding by hand`;
  }
  if ((list.flags & ts.NodeFlags.Const) === 0) return `the binding is not \`const\`, so its value may change; rewrite it by hand`;
  const local = element.name.text;
  if (pattern.elements.length === 1) {
    // The call goes with its only binding: `const newCheckout = __on__`.
    return [{ start: declaration.getStart(sourceFile), end: declaration.end, text: `${local} = ${placeholder(context, value)}` }];
  }
  const statement = list.parent;
  const indent = indentAt(text, statement.getStart(sourceFile));
  return [
    ...removeListElements(context, pattern.elements, new Set([element])),
    { start: statement.end, end: statement.end, text: `\n${indent}const ${local} = ${placeholder(context, value)};` },
  ];
}

/** The declaration or parameter a nested binding element belongs to. */
function outermostBinding(element: ts.BindingElement): ts.Node {
  let current: ts.Node = element;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
  return current;
}

function restName(pattern: ts.ObjectBindingPattern): string {
  const rest = pattern.elements.find((e) => e.dotDotDotToken !== undefined);
  return rest !== undefined && ts.isIdentifier(rest.name) ? rest.name.text : "rest";
}
