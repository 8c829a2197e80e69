// Before:  NEW_CHECKOUT = "ff_new_checkout"  # shipped in Q1      After:  SEARCH = "ff_search"
//          SEARCH = "ff_search"
// Removes one flag's constant from a Python registry module (and the comment lines attached above it);
// a class left without attributes keeps a `pass`.
import { withPythonTree, type Node } from "../parser.js";
import { moduleConstants } from "../registry.js";
import { toggleStatements } from "../registry-edx-toggles.js";
import type { FlagDefinition } from "../../../registry/definition.js";
import { applyEdits } from "../../../cleanup/edit.js";
import { deleteStatements } from "./layout.js";

/**
 * The module's text without the constant that defines `definition.flag`, or undefined when no such
 * constant is found. The parser is loaded: the python registry loader loaded it to read the module.
 */
export function removePythonConstant(text: string, definition: FlagDefinition): string | undefined {
  return withPythonTree(text, (tree) => {
    // An edx-toggles definition `X = WaffleSwitch(...)`: the loader found it under its constant's name.
    if (definition.source.type === "edx-toggles") {
      const toggle = toggleStatements(tree.rootNode).find((candidate) => candidate.constant === definition.constant);
      return toggle === undefined ? undefined : applyEdits(text, [deleteStatements(text, toggle.statement)]).text;
    }
    const constant = moduleConstants(tree.rootNode).find(
      (candidate) => candidate.value === definition.flag && (definition.constant === undefined || candidate.name === definition.constant),
    );
    if (constant === undefined) return undefined;
    let statement: Node | null = tree.rootNode.descendantForIndex(constant.statementStart, constant.statementEnd - 1);
    while (statement !== null && statement.type !== "expression_statement") statement = statement.parent;
    if (statement === null) return undefined;
    return applyEdits(text, [deleteStatements(text, statement)]).text;
  });
}
