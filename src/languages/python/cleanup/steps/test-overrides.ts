// Before:  @override_switch("ff_x", active=True)        def test_new(self):              with override_flag("ff_x", active=True):
//          def test_new(self): ...                       @override_flag("ff_x", False)        assert new_page()
//                                                        def test_old(self): ...
// After:   def test_new(self): ...                       (deleted, listed)                assert new_page()
//          (value on)
// waffle's test overrides (`waffle.testutils`): one that forces the kept value goes (a decorator line, a
// `with` unwrapped or losing only that item); a test that forces the removed value is deleted and listed,
// as is a `with` block under it when nothing after the block uses what it binds. Anything else is left
// and listed: an `active=` the cleanup cannot read, an override used some other way.
import type { Node } from "../../parser.js";
import { callArguments, dottedName, named, stringValue } from "../../syntax.js";
import type { Edit } from "../../../../cleanup/edit.js";
import type { CleanupProblem, DeletedTest } from "../../../language.js";
import { LineIndex } from "../../../../scan/line-index.js";
import { blockLines, deleteStatements, indentAt, lineStart, nextLineStart } from "../layout.js";

/** waffle.testutils' overrides: `override_flag(name, active)`, and the same for switches and samples. */
const OVERRIDES = new Set(["override_flag", "override_switch", "override_sample"]);

export interface OverrideEdits {
  edits: Edit[];
  overridesRemoved: number;
  /** Each with the edit that deletes it, so a deletion inside a larger one is not listed twice. */
  testsDeleted: Array<DeletedTest & { edit: Edit }>;
  problems: CleanupProblem[];
}

/** The edits that take the flag's overrides out of one file's tests. */
export function overrideEdits(root: Node, text: string, file: string, flag: string, needles: readonly string[], value: boolean): OverrideEdits {
  const result: OverrideEdits = { edits: [], overridesRemoved: 0, testsDeleted: [], problems: [] };
  const lines = new LineIndex(text);
  const at = (node: Node) => lines.position(node.startIndex);
  const problem = (node: Node, message: string) => result.problems.push({ file, ...at(node), message });
  for (const call of root.descendantsOfType("call")) {
    if (call === null) continue;
    const name = dottedName(call.childForFieldName("function")!)?.split(".").pop();
    if (name === undefined || !OVERRIDES.has(name)) continue;
    const { positional, keywords } = callArguments(call);
    const key = positional[0] ?? keywords.get("name");
    if (key === undefined || !namesFlag(key, flag, needles)) continue;
    const activeNode = keywords.get("active") ?? positional[1];
    const active = activeNode?.text === "True" ? true : activeNode?.text === "False" ? false : undefined;
    const shown = `\`${call.text.replace(/\s+/g, " ")}\``;
    if (active === undefined) {
      problem(call, `${shown}: the cleanup cannot tell which value this override forces (\`active\` is not True or False); update the test by hand`);
      continue;
    }
    const kept = active === value;
    const parent = call.parent;
    if (parent?.type === "decorator") {
      const definition = parent.parent;
      const inner = definition?.childForFieldName("definition");
      if (definition?.type !== "decorated_definition" || inner == null) {
        problem(call, `${shown} decorates something the cleanup does not recognise; update the test by hand`);
        continue;
      }
      if (kept) {
        result.edits.push(removeDecorator(text, definition, parent));
        result.overridesRemoved++;
        continue;
      }
      const testName = inner.type === "function_definition" ? inner.childForFieldName("name")?.text : undefined;
      if (testName === undefined || !/^test/.test(testName)) {
        problem(call, `${shown} forces the removed value on ${inner.type === "class_definition" ? "a whole test class" : `\`${testName ?? "?"}\`, which is not a test`}; delete or rewrite it by hand`);
        continue;
      }
      const deletion = deleteStatements(text, definition);
      result.edits.push(deletion);
      result.testsDeleted.push({ edit: deletion, file, line: at(definition).line, name: qualifiedName(inner), part: "test", reason: `${shown} forced the removed value` });
      continue;
    }
    const item = parent?.type === "with_item" ? parent : undefined;
    const clause = item?.parent;
    const statement = clause?.parent;
    if (item === undefined || clause?.type !== "with_clause" || statement?.type !== "with_statement") {
      problem(call, `${shown} is used in a way the cleanup does not recognise (not a decorator or a \`with\`); update the test by hand`);
      continue;
    }
    const body = statement.childForFieldName("body");
    if (body === null) continue;
    if (kept) {
      result.edits.push(removeWithItem(text, statement, clause, item, body));
      result.overridesRemoved++;
      continue;
    }
    const test = enclosingTest(statement);
    if (test === undefined) {
      problem(call, `${shown} forces the removed value outside a test function; delete or rewrite it by hand`);
      continue;
    }
    const testBody = test.childForFieldName("body")!;
    const statements = named(testBody).filter((node) => node.type !== "comment" && !isDocstring(node, testBody));
    const definition = test.parent?.type === "decorated_definition" ? test.parent : test;
    if (statements.length === 1 && statements[0]!.equals(statement)) {
      const deletion = deleteStatements(text, definition);
      result.edits.push(deletion);
      result.testsDeleted.push({ edit: deletion, file, line: at(definition).line, name: qualifiedName(test), part: "test", reason: `its only statement ran under ${shown}, the removed value` });
      continue;
    }
    const used = namesUsedAfter(statement, testBody);
    if (used !== undefined) {
      problem(call, `${shown} forces the removed value, and \`${used}\` bound in its block is used after it; rewrite the test by hand`);
      continue;
    }
    const deletion = deleteStatements(text, statement);
    result.edits.push(deletion);
    result.testsDeleted.push({ edit: deletion, file, line: at(statement).line, name: qualifiedName(test), part: "block", reason: `the block under ${shown} only exercised the removed value` });
  }
  return result;
}

/** The slug as a string, or a constant the flag's checks use for it (`flags.NEW_CHECKOUT`). */
function namesFlag(node: Node, flag: string, needles: readonly string[]): boolean {
  const value = stringValue(node);
  if (value !== undefined) return value === flag;
  const dotted = dottedName(node);
  if (dotted === undefined) return false;
  return needles.some((needle) => needle === dotted || needle.split(".").pop() === dotted.split(".").pop()) && /^[A-Z][A-Z0-9_]*$/.test(dotted.split(".").pop()!);
}

function removeDecorator(text: string, definition: Node, decorator: Node): Edit {
  const decorators = named(definition).filter((node) => node.type === "decorator");
  // The only decorator: the definition starts right after it (comments above it stay).
  if (decorators.length === 1) return { start: lineStart(text, decorator.startIndex), end: lineStart(text, definition.childForFieldName("definition")!.startIndex), text: "" };
  return { start: lineStart(text, decorator.startIndex), end: nextLineStart(text, decorator.endIndex), text: "" };
}

/** `with a, override_flag(...):` loses the item; a `with` that had only it becomes its body, dedented. */
function removeWithItem(text: string, statement: Node, clause: Node, item: Node, body: Node): Edit {
  const items = named(clause).filter((node) => node.type === "with_item");
  if (items.length > 1) {
    const index = items.findIndex((candidate) => candidate.equals(item));
    const next = items[index + 1];
    if (next !== undefined) return { start: item.startIndex, end: next.startIndex, text: "" };
    return { start: items[index - 1]!.endIndex, end: item.endIndex, text: "" };
  }
  const start = lineStart(text, statement.startIndex);
  return { start, end: nextLineStart(text, statement.endIndex), text: blockLines(text, body, indentAt(text, statement.startIndex)) };
}

/** The test function (`def test_...`) a statement is in, or undefined. */
function enclosingTest(node: Node): Node | undefined {
  for (let current = node.parent; current !== null; current = current.parent)
    if (current.type === "function_definition") return /^test/.test(current.childForFieldName("name")?.text ?? "") ? current : undefined;
  return undefined;
}

function isDocstring(node: Node, body: Node): boolean {
  return node.type === "expression_statement" && named(body)[0]?.equals(node) === true && node.namedChildren[0]?.type === "string";
}

/** `Class.method` or `function`. */
function qualifiedName(definition: Node): string {
  const names = [definition.childForFieldName("name")?.text ?? "?"];
  for (let current = definition.parent; current !== null; current = current.parent)
    if (current.type === "class_definition") names.unshift(current.childForFieldName("name")?.text ?? "?");
  return names.join(".");
}

/** A name the block of `statement` binds (assignment, `as`, `for`) that code after it in `scope` reads, or undefined. */
function namesUsedAfter(statement: Node, scope: Node): string | undefined {
  const bound = new Set<string>();
  for (const node of statement.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "as_pattern_target", "named_expression"])) {
    if (node === null) continue;
    const target = node.type === "as_pattern_target" ? node : (node.childForFieldName("left") ?? node.childForFieldName("name"));
    if (target === null) continue;
    if (target.type === "identifier") bound.add(target.text);
    else for (const identifier of target.descendantsOfType("identifier")) if (identifier !== null) bound.add(identifier.text);
  }
  if (bound.size === 0) return undefined;
  for (const identifier of scope.descendantsOfType("identifier")) {
    if (identifier === null || identifier.startIndex < statement.endIndex) continue;
    if (bound.has(identifier.text)) return identifier.text;
  }
  return undefined;
}
