// Before:  NEW_CHECKOUT = "ff_new_checkout"  # shipped in Q1      After:  SEARCH = "ff_search"
//          SEARCH = "ff_search"
// Removes one flag's constant from a Python registry module (and the comment lines attached above it).
import { withPythonTree } from "../../python/parser.js";
import { moduleConstants } from "../../registry/python.js";
import type { FlagDefinition } from "../../registry/definition.js";
import { applyEdits } from "../edit.js";
import { lineStart, nextLineStart } from "../layout.js";

/**
 * The module's text without the constant that defines `definition.flag`, or undefined when no such
 * constant is found. The parser is loaded: the python registry loader loaded it to read the module.
 */
export function removePythonConstant(text: string, definition: FlagDefinition): string | undefined {
  return withPythonTree(text, (tree) => {
    const constant = moduleConstants(tree.rootNode).find(
      (candidate) => candidate.value === definition.flag && (definition.constant === undefined || candidate.name === definition.constant),
    );
    if (constant === undefined) return undefined;
    let start = lineStart(text, constant.statementStart);
    while (start > 0 && /^[ \t]*#/.test(text.slice(lineStart(text, start - 1), start))) start = lineStart(text, start - 1);
    return applyEdits(text, [{ start, end: nextLineStart(text, constant.statementEnd), text: "" }]).text;
  });
}
