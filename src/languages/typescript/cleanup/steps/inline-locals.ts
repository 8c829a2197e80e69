// Before:  const showNew = __on__;            const { enabled: showNew } = useFlag("x")  (seeded to the same)
//          return showNew ? <New /> : <Old />;
// After:   return __on__ ? <New /> : <Old />;
// Inlines a local that holds an introduced value and is never reassigned, then deletes it. Exported
// bindings stay (other files read them), and so does a binding an inner scope shadows and reads.
import ts from "../../typescript-api.cjs";
import { readsOfBinding } from "../bindings.js";
import { forEachNode, hasModifier, placeholderValue, unparen, type CleanupStep } from "../context.js";
import { slotValue } from "../values.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, removeListElements } from "../layout.js";

export const inlineLocals: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return;
    const value = placeholderValue(context, node.initializer);
    const slot = value === undefined ? slotValue(context, node.initializer) : undefined;
    if (value === undefined && slot === undefined) return;
    const list = node.parent;
    const statement = list.parent;
    if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(statement)) return;
    if ((list.flags & ts.NodeFlags.BlockScoped) === 0) return;
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return;
    const scope = ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent) ? statement.parent.parent : statement.parent;
    const uses = readsOfBinding(scope, node.name.text, node.name);
    if (uses === undefined) return;
    // An object or array written at several places would be several objects: only reads of its parts, which fold, take it.
    if (slot !== undefined && slot.value !== null && typeof slot.value === "object" && !uses.every((use) => !use.shorthand && isPlainRead(use.id))) return;
    const literal = value !== undefined ? (value ? context.on : context.off) : unparen(node.initializer!).getText(context.sourceFile);
    const group: Edit[] = uses.map((use) => ({
      start: use.id.getStart(context.sourceFile),
      end: use.id.end,
      text: use.shorthand ? `${use.id.text}: ${literal}` : literal,
    }));
    if (list.declarations.length === 1) group.push(deleteStatements(context, statement));
    else group.push(...removeListElements(context, list.declarations, new Set([node])));
    pushGroup(edits, group);
  });
  return edits;
};

/** `id.part` or `id["part"]` that is read, not written or called. */
function isPlainRead(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!(ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) || parent.expression !== id) return false;
  const grand = parent.parent;
  if (ts.isCallExpression(grand) && grand.expression === parent) return false;
  if (ts.isDeleteExpression(grand) || ts.isPrefixUnaryExpression(grand) || ts.isPostfixUnaryExpression(grand)) return false;
  return !(ts.isBinaryExpression(grand) && grand.left === parent && grand.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && grand.operatorToken.kind <= ts.SyntaxKind.LastAssignment);
}
