// Before:  def view(request):                       After:  def view(request):
//              new = __flag_scan_on__                           if __flag_scan_on__:
//              if new:                                              ...
// A local assigned once to an introduced value stands for that value: its uses become the value and
// the assignment goes. Names assigned more than once, or declared global/nonlocal, are left alone.
import type { Node } from "../../parser.js";
import { simpleAssignment } from "../../syntax.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { isUse, placeholder, placeholderValue, type PyStep } from "../context.js";
import { deleteStatements } from "../layout.js";

export const inlineLocals: PyStep = (context) => {
  for (const fn of context.root.descendantsOfType("function_definition")) {
    const body = fn?.childForFieldName("body");
    if (body == null) continue;
    for (const statement of body.descendantsOfType("expression_statement")) {
      if (statement === null || enclosingFunction(statement)?.startIndex !== fn!.startIndex) continue;
      const assignment = simpleAssignment(statement);
      if (assignment === undefined || assignment.target.type !== "identifier") continue;
      const value = placeholderValue(context, assignment.value);
      if (value === undefined) continue;
      const name = assignment.target.text;
      if (assignmentCount(body, name) !== 1) continue;
      const edits: Edit[] = [deleteStatements(context.text, statement)];
      for (const identifier of body.descendantsOfType("identifier")) {
        if (identifier === null || identifier.text !== name || identifier.equals(assignment.target) || !isUse(identifier)) continue;
        edits.push({ start: identifier.startIndex, end: identifier.endIndex, text: placeholder(context, value) });
      }
      return edits;
    }
  }
  return [];
};

function enclosingFunction(node: Node): Node | null {
  let current = node.parent;
  while (current !== null && current.type !== "function_definition") current = current.parent;
  return current;
}

/** How many times a name is bound in a function body (nested functions included, to stay safe). */
function assignmentCount(body: Node, name: string): number {
  let count = 0;
  for (const node of body.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "named_expression", "with_item", "global_statement", "nonlocal_statement", "as_pattern", "for_in_clause"])) {
    if (node === null) continue;
    const target = node.childForFieldName("left") ?? node.childForFieldName("name") ?? node.childForFieldName("alias");
    if (node.type === "global_statement" || node.type === "nonlocal_statement") {
      if (node.namedChildren.some((child) => child?.text === name)) return Infinity;
    } else if (target !== null && target.descendantsOfType("identifier").some((identifier) => identifier?.text === name)) count++;
    else if (node.type === "with_item" && node.text.includes(` as ${name}`)) count++;
  }
  return count;
}
