// Before:  const useNewCheckout = () => __on__;        if (useNewCheckout()) { ... }
// After:   (wrapper deleted once unused)                if (__on__) { ... }
// A local function that only returns the introduced value is a wrapper around the flag: its calls
// without arguments are inlined. Exported wrappers stay (other modules call them).
import ts from "../../typescript-api.cjs";
import { readsOfBinding } from "../bindings.js";
import { forEachNode, hasModifier, placeholderValue, unparen, type CleanupStep, type StepContext } from "../context.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";

export const inlineWrappers: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    const wrapper = wrapperOf(context, node);
    if (wrapper === undefined) return;
    const uses = readsOfBinding(wrapper.scope, wrapper.name.text, wrapper.name);
    if (uses === undefined || uses.length === 0) return;
    const calls = uses.map(({ id }) => (ts.isCallExpression(id.parent) && id.parent.expression === id && id.parent.arguments.length === 0 ? id.parent : undefined));
    if (calls.some((call) => call === undefined)) return;
    const literal = wrapper.value ? context.on : context.off;
    pushGroup(
      edits,
      calls.map((call) => ({ start: call!.getStart(context.sourceFile), end: call!.end, text: literal })),
    );
  });
  return edits;
};

function returnedValue(context: StepContext, body: ts.ConciseBody | undefined): boolean | undefined {
  if (body === undefined) return undefined;
  if (!ts.isBlock(body)) return placeholderValue(context, unparen(body));
  const only = body.statements.length === 1 ? body.statements[0] : undefined;
  return only !== undefined && ts.isReturnStatement(only) ? placeholderValue(context, only.expression) : undefined;
}

function wrapperOf(context: StepContext, node: ts.Node): { name: ts.Identifier; scope: ts.Node; value: boolean } | undefined {
  if (ts.isFunctionDeclaration(node) && node.name !== undefined && node.parameters.length === 0) {
    if (hasModifier(node, ts.SyntaxKind.ExportKeyword)) return undefined;
    const value = returnedValue(context, node.body);
    return value === undefined ? undefined : { name: node.name, scope: node.parent, value };
  }
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || node.initializer === undefined) return undefined;
  const fn = unparen(node.initializer);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length > 0) return undefined;
  const statement = node.parent.parent;
  if (!ts.isVariableStatement(statement) || hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return undefined;
  if ((node.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  const value = returnedValue(context, fn.body);
  const scope = ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent) ? statement.parent.parent : statement.parent;
  return value === undefined ? undefined : { name: node.name, scope, value };
}
