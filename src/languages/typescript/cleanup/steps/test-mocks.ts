// Before:  mocks.useFlags.mockReturnValue({ newCheckout: true, darkMode: false })     After:  mocks.useFlags.mockReturnValue({ darkMode: false })
//          isEnabled.mockImplementation((flag) => flag === "ff_x" || flag === "ff_y")            isEnabled.mockImplementation((flag) => flag === "ff_y")
//          switch (flag) { case "ff_x": return true; default: return false; }                   switch (flag) { default: return false; }
//          it("shows the old page", () => { mockFlags({ newCheckout: false }); ... })            (deleted, listed)
// The flag's mocks in tests, keyed on the flag: a mock's object of flags, a comparison with the flag in a
// mock implementation, a `case` of one. The piece that forces the kept value goes (it serves no other
// flag); a test (`it`/`test`) that forces the removed value is deleted. A mock not keyed on the flag
// (`mockReturnValue(true)` for every key) may serve other flags: it stays, unless a test uses it to force
// the removed value in a file that names no other flag, which is then deleted.
import ts from "../../typescript-api.cjs";
import type { Edit } from "../../../../cleanup/edit.js";
import type { CleanupProblem, DeletedTest } from "../../../language.js";
import { calleeName, unparen, type StepContext } from "../context.js";
import { deleteStatements, removeListElements } from "../layout.js";

/** Calls whose argument is what a mock returns (jest, vitest, jest-launchdarkly-mock, sinon stubs). */
const MOCK_VALUES = new Set(["mockReturnValue", "mockReturnValueOnce", "mockResolvedValue", "mockResolvedValueOnce", "mockFlags", "returns", "resolves"]);
/** Calls whose function argument is a mock's implementation. */
const MOCK_IMPLEMENTATIONS = new Set(["mockImplementation", "mockImplementationOnce"]);
const TEST_CALLS = new Set(["it", "test"]);
const SUITE_CALLS = new Set(["describe", "suite"]);

export interface MockEdits {
  edits: Edit[];
  overridesRemoved: number;
  testsDeleted: Array<DeletedTest & { edit: Edit }>;
  problems: CleanupProblem[];
}

export interface MockInput {
  file: string;
  flag: string;
  needles: readonly string[];
  /** The kept value. */
  value: boolean;
  otherFlags: ReadonlySet<string>;
}

export function mockEdits(context: StepContext, input: MockInput): MockEdits {
  const { sourceFile, text } = context;
  const result: MockEdits = { edits: [], overridesRemoved: 0, testsDeleted: [], problems: [] };
  const names = new Set([input.flag, ...input.needles]);
  // LaunchDarkly's test mocks take a kebab-case key in any case (`mockFlags({ dev_test_flag: true })`).
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(input.flag)) names.add(input.flag.replaceAll("-", "_"));
  const at = (node: ts.Node) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return { line: line + 1, column: character + 1 };
  };
  const problem = (node: ts.Node, message: string): void => {
    result.problems.push({ file: input.file, ...at(node), message });
  };
  const deletedTests = new Set<ts.Node>();
  // The removed value forced inside a test: the test goes; elsewhere (`beforeEach`, a helper, a module mock) it is listed.
  const forcesRemoved = (node: ts.Node, shown: string): void => {
    const test = enclosingTest(node);
    if (test === undefined) {
      problem(node, `${shown} forces the removed value outside a single test (in \`beforeEach\`, a helper or a module mock); rewrite the tests by hand`);
      return;
    }
    if (deletedTests.has(test.statement)) return;
    deletedTests.add(test.statement);
    const edit = deleteStatements(context, test.statement);
    // The file's last test takes the blank line above it along, so the file does not end in one.
    if (edit.end === text.length) while (edit.start >= 2 && text[edit.start - 1] === "\n" && /^\r?\n$/.test(text.slice(lineStartOf(text, edit.start - 1), edit.start))) edit.start = lineStartOf(text, edit.start - 1);
    result.edits.push(edit);
    result.testsDeleted.push({ edit, file: input.file, line: at(test.statement).line, name: testName(test.call, sourceFile), part: "test", reason: `${shown} forced the removed value` });
  };
  const shownOf = (node: ts.Node) => `\`${node.getText(sourceFile).replace(/\s+/g, " ")}\``;
  const members = context.accessors.flatMap((accessor) => ("member" in accessor ? [accessor.member] : []));

  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    // `{ newCheckout: true }`, `{ "ff_x": true }`, `{ [FLAGS.X]: true }` as what a mock returns.
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent) && namesFlag(propertyKey(node.name), names) && isMockValue(node.parent)) {
      const forced = booleanLiteral(node.initializer);
      if (forced === undefined) return problem(node, `${shownOf(node)}: the cleanup cannot tell which value this mock gives the flag; update the test by hand`);
      if (forced !== input.value) return forcesRemoved(node, shownOf(node));
      const object = node.parent;
      const kept = object.properties.filter((property) => property !== node);
      result.edits.push(kept.length === 0 ? { start: object.getStart(sourceFile) + 1, end: object.end - 1, text: "" } : removeListElements(context, object.properties, new Set([node]))[0]!);
      result.overridesRemoved++;
      return;
    }
    if (ts.isShorthandPropertyAssignment(node) && names.has(node.name.text) && isMockValue(node.parent))
      return problem(node, `${shownOf(node)}: the cleanup cannot tell which value this mock gives the flag; update the test by hand`);
    // `(flag) => flag === "ff_x"` in a mock implementation: true for this flag only.
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
      const key = namesFlag(node.right, names) ? node.left : namesFlag(node.left, names) ? node.right : undefined;
      const implementation = key === undefined ? undefined : mockParameterFunction(unparen(key));
      if (implementation === undefined) return;
      // `if (flag === "ff_x") return true;` in the implementation's body.
      const statement = ifReturn(node, implementation);
      if (statement !== undefined) {
        if (statement.value !== input.value) return forcesRemoved(node, shownOf(statement.node));
        result.edits.push(deleteStatements(context, statement.node));
        result.overridesRemoved++;
        return;
      }
      const disjunction = disjunctionOf(node, implementation);
      if (disjunction === undefined) return problem(node, `${shownOf(node)} is part of a mock the cleanup cannot rewrite (not a plain \`||\` of comparisons); update the test by hand`);
      if (!input.value) return forcesRemoved(node, shownOf(node));
      result.edits.push(removeDisjunct(node, sourceFile));
      result.overridesRemoved++;
      return;
    }
    // `case "ff_x": return true;` in a mock implementation's switch on its argument.
    if (ts.isCaseClause(node) && namesFlag(node.expression, names) && ts.isCaseBlock(node.parent) && ts.isSwitchStatement(node.parent.parent)) {
      const implementation = mockParameterFunction(unparen(node.parent.parent.expression));
      if (implementation === undefined) return;
      const clauses = node.parent.clauses;
      const index = clauses.indexOf(node);
      const body = clauses.slice(index).find((clause) => clause.statements.length > 0);
      const first = body?.statements[0];
      const forced = first !== undefined && ts.isReturnStatement(first) && first.expression !== undefined ? booleanLiteral(first.expression) : undefined;
      if (forced === undefined) return problem(node, `${shownOf(node.expression)}: the cleanup cannot tell which value this mock's \`case\` gives the flag; update the test by hand`);
      if (forced !== input.value) return forcesRemoved(node, `\`case ${node.expression.getText(sourceFile)}\``);
      const previous = clauses[index - 1];
      // A clause others fall into keeps its statements; only this label goes.
      const labelOnly = node.statements.length === 0 || (previous !== undefined && previous.statements.length === 0);
      const end = labelOnly ? (node.statements[0]?.getStart(sourceFile) ?? clauses[index + 1]?.getStart(sourceFile) ?? node.end) : (clauses[index + 1]?.getStart(sourceFile) ?? node.end);
      result.edits.push(wholeLines(text, node.getStart(sourceFile), end));
      result.overridesRemoved++;
      return;
    }
    // `config.featureToggles.ff_x = true` with a member accessor (Grafana's toggles): an override, as a mock's value is.
    if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression) && node.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && setsMember(node.expression.left, members, names, sourceFile)) {
      const forced = booleanLiteral(node.expression.right);
      if (forced === undefined) return problem(node, `${shownOf(node.expression)}: the cleanup cannot tell which value this gives the flag; update the test by hand`);
      if (forced !== input.value) return forcesRemoved(node, shownOf(node.expression));
      result.edits.push(deleteStatements(context, node));
      result.overridesRemoved++;
      return;
    }
    // `(isFeatureEnabled as jest.Mock).mockReturnValue(false)` inside one test, in a file about this flag alone.
    if (ts.isCallExpression(node) && MOCK_VALUES.has(calleeName(node) ?? "") && node.arguments.length === 1 && ts.isPropertyAccessExpression(node.expression)) {
      const forced = booleanLiteral(node.arguments[0]!);
      if (forced === undefined || forced === input.value || !mocksAccessor(node.expression.expression, context.accessorNames, sourceFile)) return;
      if (enclosingTest(node) === undefined || namesOtherFlag(text, input.otherFlags)) return;
      forcesRemoved(node, shownOf(node));
    }
  };
  visit(sourceFile);
  return result;
}

/**
 * What names the flag in a test file without checking it: the titles of kept tests, and a local variable
 * that only shares the flag's name (`const tokenlessSection = await screen.findByText(...)`) with its uses.
 */
export function titleMentions(sourceFile: ts.SourceFile, file: string, needles: readonly string[], accessorNames: ReadonlySet<string>): CleanupProblem[] {
  const mentions: CleanupProblem[] = [];
  // Only test files: elsewhere a local named like the flag may well hold it.
  if (!/(\.(test|spec)\.[cm]?[jt]sx?$)|(^|\/)__tests__\//.test(file)) return mentions;
  const mention = (node: ts.Node, message: string): void => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    mentions.push({ file, line: line + 1, column: character + 1, message });
  };
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    const initializer = ts.isVariableDeclaration(node) ? (node.initializer?.getText(sourceFile) ?? "") : "";
    if (
      ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && needles.includes(node.name.text) && ts.isVariableDeclarationList(node.parent) &&
      // Not when it is read from the flag (`useFlags().newCheckout`, `isFeatureEnabled("ff_x")`).
      !needles.some((needle) => initializer.includes(needle)) && ![...accessorNames].some((name) => initializer.includes(name))
    ) {
      const name = node.name.text;
      // Its scope: the block (or file) the declaration is in; every use there is the variable, not the flag.
      const scope = ts.findAncestor(node.parent, (n) => ts.isBlock(n) || ts.isSourceFile(n)) ?? sourceFile;
      const seen = new Set<number>();
      const uses = (current: ts.Node): void => {
        if (ts.isIdentifier(current) && current.text === name) {
          const { line } = sourceFile.getLineAndCharacterOfPosition(current.getStart(sourceFile));
          if (!seen.has(line)) {
            seen.add(line);
            mention(current, `mentions \`${name}\` as the name of a local variable in a test, not the flag`);
          }
        }
        ts.forEachChild(current, uses);
      };
      uses(scope);
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const name = baseName(node.expression);
    const title = node.arguments[0];
    if (name === undefined || !(TEST_CALLS.has(name) || SUITE_CALLS.has(name)) || title === undefined || !ts.isStringLiteralLike(title)) return;
    const needle = needles.find((candidate) => new RegExp(`(^|[^\\w$])${candidate.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w$])`).test(title.text));
    if (needle !== undefined) mention(title, `mentions \`${needle}\` in a test's title`);
  };
  visit(sourceFile);
  return mentions;
}

function propertyKey(name: ts.PropertyName): ts.Node {
  return ts.isComputedPropertyName(name) ? unparen(name.expression) : name;
}

/** The slug as a string or property name, or one of the constants the checks use for it (`FeatureFlags.X`). */
function namesFlag(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isStringLiteralLike(node) || ts.isIdentifier(node)) return names.has(node.text);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return names.has(node.getText().replace(/\s+/g, ""));
  return false;
}

function booleanLiteral(node: ts.Expression): boolean | undefined {
  const inner = unparen(node);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** `it`, `test` or `describe` for `it(...)`, `it.only(...)`, `test.skip(...)`. */
function baseName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ["only", "skip", "concurrent"].includes(callee.name.text)) return callee.expression.text;
  return undefined;
}

function isMockCall(node: ts.Node, names: ReadonlySet<string>): node is ts.CallExpression {
  return ts.isCallExpression(node) && names.has(calleeName(node) ?? "");
}

/** `jest.mock("./flags", () => ...)` / `vi.mock(...)`: the factory. */
function isModuleMockFactory(node: ts.Node): boolean {
  const call = node.parent;
  if (!ts.isCallExpression(call) || call.arguments[1] !== node || !ts.isPropertyAccessExpression(call.expression)) return false;
  const owner = call.expression.expression;
  return ts.isIdentifier(owner) && (owner.text === "jest" || owner.text === "vi") && ["mock", "doMock"].includes(call.expression.name.text);
}

/** A function whose result is a mock's: an implementation, a `jest.fn(impl)`, or anything in a module mock's factory. */
function isMockFunction(node: ts.Node): boolean {
  if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return false;
  const parent = node.parent;
  if (isMockCall(parent, MOCK_IMPLEMENTATIONS) && parent.arguments[0] === node) return true;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === "fn" && ts.isIdentifier(parent.expression.expression) && ["jest", "vi"].includes(parent.expression.expression.text)) return true;
  // `let mockUseFlags = () => ({ ... })`, `mockUseFlags = () => ...`: jest only lets a module mock's factory read names starting with `mock`.
  const target = ts.isVariableDeclaration(parent) && parent.initializer === node ? parent.name : ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? parent.left : undefined;
  if (target !== undefined && ts.isIdentifier(target) && /^mock[A-Z]/.test(target.text)) return true;
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) if (isModuleMockFactory(current)) return true;
  return false;
}

/** Whether an object literal is what a mock returns (directly, nested in one, or from a mock's function). */
function isMockValue(object: ts.Node): boolean {
  let node: ts.Node = object;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (isMockCall(parent, MOCK_VALUES) && parent.arguments.includes(node as ts.Expression)) return true;
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) return isMockValue(parent.parent);
  if ((ts.isArrowFunction(parent) && parent.body === node) || ts.isReturnStatement(parent)) {
    const fn = ts.isArrowFunction(parent) ? parent : ts.findAncestor(parent, (n) => ts.isFunctionLike(n));
    return fn !== undefined && isMockFunction(fn);
  }
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) if (isModuleMockFactory(current)) return true;
  return false;
}

/** The mock implementation whose first parameter `key` is (`(flag) => flag === "x"`), or undefined. */
function mockParameterFunction(key: ts.Expression): ts.SignatureDeclaration | undefined {
  if (!ts.isIdentifier(key)) return undefined;
  const fn = ts.findAncestor(key, (node) => ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) as ts.SignatureDeclaration | undefined;
  const first = fn?.parameters[0];
  if (fn === undefined || first === undefined || !ts.isIdentifier(first.name) || first.name.text !== key.text) return undefined;
  return isMockFunction(fn) || isInsideModuleMock(fn) ? fn : undefined;
}

function isInsideModuleMock(node: ts.Node): boolean {
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) if (isModuleMockFactory(current)) return true;
  return false;
}

/**
 * The `||` chain the comparison is a disjunct of, when that chain is what the implementation returns
 * (its arrow body or a `return`); undefined when the comparison sits anywhere else.
 */
function disjunctionOf(comparison: ts.Expression, implementation: ts.SignatureDeclaration): ts.Expression | undefined {
  let top: ts.Expression = comparison;
  while (ts.isParenthesizedExpression(top.parent) || (ts.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) top = top.parent as ts.Expression;
  const parent = top.parent;
  if (ts.isArrowFunction(implementation) && implementation.body === top) return top;
  if (ts.isReturnStatement(parent) && ts.findAncestor(parent, (n) => ts.isFunctionLike(n)) === implementation) return top;
  return undefined;
}

/** `if (flag === "x") return true;` (or `{ return true; }`) directly in the implementation's body, without `else`. */
function ifReturn(comparison: ts.Expression, implementation: ts.SignatureDeclaration): { node: ts.IfStatement; value: boolean } | undefined {
  let node: ts.Node = comparison;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const statement = node.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== node || statement.elseStatement !== undefined) return undefined;
  if (!ts.isBlock(statement.parent) || statement.parent.parent !== implementation) return undefined;
  const then = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0]! : statement.thenStatement;
  if (!ts.isReturnStatement(then) || then.expression === undefined) return undefined;
  const value = booleanLiteral(then.expression);
  return value === undefined ? undefined : { node: statement, value };
}

/** Drops `a === "x"` from `... || a === "x" || ...`; a comparison that is the whole result becomes `false`. */
function removeDisjunct(comparison: ts.Expression, sourceFile: ts.SourceFile): Edit {
  let node: ts.Expression = comparison;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    // `left || node`: from the end of left; `node || right`: up to the start of right.
    if (parent.right === node) return { start: parent.left.end, end: node.end, text: "" };
    return { start: node.getStart(sourceFile), end: parent.right.getStart(sourceFile), text: "" };
  }
  return { start: node.getStart(sourceFile), end: node.end, text: "false" };
}

/** A mock of one of the accessors: `(isFeatureEnabled as jest.Mock)`, `vi.mocked(useFlag)`, `jest.spyOn(flags, "isFeatureEnabled")`, `mockUseFlag`. */
function mocksAccessor(target: ts.Expression, accessorNames: ReadonlySet<string>, sourceFile: ts.SourceFile): boolean {
  const text = target.getText(sourceFile);
  return [...accessorNames].some((name) => new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, "\\$")}($|[^\\w$])|mock${name[0]?.toUpperCase()}${name.slice(1).replace(/[$]/g, "\\$")}`).test(text));
}

/** Whether `target` is the flag's property of a member accessor's object (`config.featureToggles.ff_x`, `…["ff_x"]`). */
function setsMember(target: ts.Expression, members: readonly string[], names: ReadonlySet<string>, sourceFile: ts.SourceFile): boolean {
  if (members.length === 0) return false;
  let object: ts.Expression;
  if (ts.isPropertyAccessExpression(target) && names.has(target.name.text)) object = target.expression;
  else if (ts.isElementAccessExpression(target) && namesFlag(target.argumentExpression, names)) object = target.expression;
  else return false;
  const path = object.getText(sourceFile).replace(/\s+/g, "").replace(/\?\./g, ".");
  return members.some((member) => path === member || path.endsWith(`.${member}`));
}

function namesOtherFlag(text: string, otherFlags: ReadonlySet<string>): boolean {
  for (const other of otherFlags) if (other.length > 2 && text.includes(other)) return true;
  return false;
}

/** The `it(...)`/`test(...)` statement around a node. */
function enclosingTest(node: ts.Node): { call: ts.CallExpression; statement: ts.ExpressionStatement } | undefined {
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) {
    if (!ts.isCallExpression(current) || !ts.isExpressionStatement(current.parent)) continue;
    const name = baseName(current.expression);
    if (name !== undefined && TEST_CALLS.has(name) && current.arguments.some((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)))
      return { call: current, statement: current.parent };
  }
  return undefined;
}

/** `Checkout > shows the old page`: the titles of the suites around a test, then its own. */
function testName(call: ts.CallExpression, sourceFile: ts.SourceFile): string {
  const titles: string[] = [];
  for (let current: ts.Node = call; !ts.isSourceFile(current); current = current.parent) {
    if (!ts.isCallExpression(current)) continue;
    const name = baseName(current.expression);
    const title = current.arguments[0];
    if (name !== undefined && (TEST_CALLS.has(name) || SUITE_CALLS.has(name))) titles.unshift(title !== undefined && ts.isStringLiteralLike(title) ? title.text : (title?.getText(sourceFile) ?? "?"));
  }
  return titles.join(" > ");
}

/** From `start` to `end`, widened to whole lines when both ends are at line boundaries (a `case` on its own lines). */
function wholeLines(text: string, start: number, end: number): Edit {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  if (text.slice(from, start).trim() !== "") return { start, end, text: "" };
  const to = text.lastIndexOf("\n", end - 1) + 1;
  if (text.slice(to, end).trim() === "") return { start: from, end: to, text: "" };
  return { start, end, text: "" };
}

function lineStartOf(text: string, position: number): number {
  return text.lastIndexOf("\n", position - 1) + 1;
}
