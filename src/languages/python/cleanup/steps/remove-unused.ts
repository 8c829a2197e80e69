// Before:  from waffle import flag_is_active, get_waffle_flag_model     After:  from waffle import get_waffle_flag_model
//          from app.flags import NEW_CHECKOUT                                   (import gone)
//          CHECKOUT_FLAG = "ff_x"                                               (constant gone)
// Imports and module constants of the flag that were used before the cleanup and are not any more.
// Names that were already unused stay: that was the author's choice, not the cleanup's doing.
import type { Node } from "../../parser.js";
import { named, simpleAssignment, stringValue } from "../../syntax.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { useCounts, type PyStep } from "../context.js";
import { deleteStatements } from "../layout.js";

export const removeUnused: PyStep = (context) => {
  const uses = useCounts(context.root);
  const becameUnused = (name: string): boolean => (context.originalUses.get(name) ?? 0) > 0 && (uses.get(name) ?? 0) === 0;
  const exported = exportedNames(context.root);
  const edits: Edit[] = [];
  for (const statement of named(context.root)) {
    if (statement.type === "import_from_statement" || statement.type === "import_statement") {
      const items = statement.childrenForFieldName("name").filter((node): node is Node => node !== null);
      const unused = items.filter((item) => {
        const local = item.type === "aliased_import" ? item.childForFieldName("alias")!.text : item.text.split(".")[0]!;
        return becameUnused(local) && !exported.has(local);
      });
      if (unused.length === 0) continue;
      // One whole statement per round, so the blank-line handling sees its real neighbours.
      if (unused.length === items.length) return [deleteStatements(context.text, statement)];
      else edits.push(...unused.map((item) => removeListItem(item, items)));
      continue;
    }
    const assignment = simpleAssignment(statement);
    if (assignment?.target.type === "identifier" && stringValue(assignment.value) === context.flag && becameUnused(assignment.target.text) && !exported.has(assignment.target.text))
      return [deleteStatements(context.text, statement)];
  }
  return edits;
};

function removeListItem(item: Node, items: Node[]): Edit {
  const index = items.indexOf(item);
  const next = items[index + 1];
  if (next !== undefined) return { start: item.startIndex, end: next.startIndex, text: "" };
  // The last item takes the comma before it; a trailing comma after it stays for the new last item.
  return { start: items[index - 1]!.endIndex, end: item.endIndex, text: "" };
}

/** Names listed in `__all__`: public API, never unused. */
function exportedNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of named(root)) {
    const assignment = simpleAssignment(statement);
    if (assignment?.target.text !== "__all__") continue;
    for (const item of named(assignment.value)) {
      const value = stringValue(item);
      if (value !== undefined) names.add(value);
    }
  }
  return names;
}
