import type { AccessorConfig } from "../../../config/schema.js";
import { applyEdits, mergeDeletions } from "../../../cleanup/edit.js";
import { rewriteToFixpoint, type Placeholders } from "../../../cleanup/fixpoint.js";
import type { TestCleanupInput, TestCleanupOutput } from "../../language.js";
import { readCounts } from "./bindings.js";
import { accessorNamesOf, parse, type StepContext } from "./context.js";
import { typescriptRewrite } from "./rewrite.js";
import { mockEdits, titleMentions } from "./steps/test-mocks.js";
import { chooseValueSlots } from "./values.js";

const BOM = "\uFEFF";

/**
 * Removes the flag's mocks from a test file (`mockReturnValue({ x: true })`, `flag === "x"` in a mock
 * implementation, `case "x":`), deletes the tests that forced the removed value, then what that left unused.
 */
export function cleanupTypeScriptTests(input: TestCleanupInput, accessors: readonly AccessorConfig[]): TestCleanupOutput {
  const hasBom = input.text.startsWith(BOM);
  const original = hasBom ? input.text.slice(1) : input.text;
  const accessorNames = accessorNamesOf(accessors);
  let placeholders: Placeholders = { on: "", off: "" };
  const values = chooseValueSlots(original);
  const originalUses = readCounts(parse(original, input.path));
  const makeContext = (text: string): StepContext => ({ text, sourceFile: parse(text, input.path), ...placeholders, accessors, accessorNames, originalUses, values });
  const found = mockEdits(makeContext(original), { file: input.relativePath, flag: input.flag, needles: input.needles, value: input.value, otherFlags: input.otherFlags });
  const outer = mergeDeletions(found.edits);
  // Neighbouring deleted tests at the end of a block: the blank line above them goes too, so `});` follows the last kept test.
  for (const edit of outer.edits) {
    if (edit.text !== "" || !/^[ \t]*[})\]]/.test(original.slice(edit.end))) continue;
    const previous = original.lastIndexOf("\n", edit.start - 2) + 1;
    if (edit.start > 0 && original[edit.start - 1] === "\n" && /^[ \t]*\r?\n$/.test(original.slice(previous, edit.start))) edit.start = previous;
  }
  const text =
    outer.edits.length === 0
      ? original
      : rewriteToFixpoint(original, typescriptRewrite(makeContext), (chosen) => {
          placeholders = chosen;
          return applyEdits(original, outer.edits).text;
        });
  const testsDeleted = found.testsDeleted.filter((test) => outer.kept.has(found.edits.indexOf(test.edit))).map(({ edit: _edit, ...test }) => test);
  const mentions = titleMentions(parse(text, input.path), input.relativePath, input.needles, accessorNames);
  return { text: text === original ? input.text : (hasBom ? BOM : "") + text, overridesRemoved: found.overridesRemoved, testsDeleted, problems: found.problems, mentions };
}

