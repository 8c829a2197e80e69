// Before:  const showNew = __on__;            const { enabled: showNew } = useFlag("x")  (seeded to the same)
//          return showNew ? <New /> : <Old />;
// After:   return __on__ ? <New /> : <Old />;
// Inlines a local that holds an introduced value and is never reassigned, then deletes it. Exported
// bindings stay (other files read them), and so does a binding an inner scope shadows and reads.
import ts from "../../typescript-api.cjs";
import { readsOfBinding } from "../bindings.js";
import { forEachNode, hasModifier, placeholderValue, type CleanupStep } from "../context.js";
import { pushGroup, type Edit } from "../../../../cleanup/edit.js";
import { deleteStatements, removeListElements } from "../layout.js";

export const inlineLocals: CleanupStep = (context) => {
  const edits: Edit[] = [];
  forEachNode(context.sourceFile, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return;
    const value = placeholderValue(context, node.initializer);
    if (value === undefined) return;
    const list = node.parent;
    const statement = list.parent;
    if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(statement)) return;
    if ((list.flags & ts.NodeFlags.BlockScoped) === 0) return;
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return;
    const scope = ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent) ? statement.parent.parent : statement.parent;
    const uses = readsOfBinding(scope, node.name.text, node.name);
    if (uses === undefined) return;
    const literal = value ? context.on : context.off;
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
