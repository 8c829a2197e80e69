// Before:  if (isFeatureEnabled("ff_x")) { a(); }        <Feature flag="ff_x" fallback={<Old />}><New /></Feature>
// After:   if (__on__) { a(); }                            <New />                      (value on)
// Replaces one check of the flag by the introduced value. JSX and HOC checks are not boolean
// expressions, so they are resolved here directly: children or fallback, unwrapped or removed route.
import ts from "../../typescript-api.cjs";
import type { HocAccessorConfig, JsxAccessorConfig, CallAccessorConfig, LearnedAccessorConfig } from "../../../../config/schema.js";
import type { FlagReference } from "../../../../scan/reference.js";
import { calleeName, placeholder, type StepContext } from "../context.js";
import type { Edit } from "../../../../cleanup/edit.js";
import { seedFlagsObjectRead } from "./flags-object.js";
import { readsListElement } from "../../scan/element-keys.js";
import { deleteJsxChild, endsLine, indentAt, lineStart, movedText, nextLineStart, reindent, startsLine } from "../layout.js";

/** The edits that replace one check, or a sentence saying why it cannot be replaced. */
export function seedReference(context: StepContext, reference: FlagReference, range: { start: number; end: number }, value: boolean): Edit[] | string {
  // Folding a string, number or JSON variation into true/false would change what the code does.
  if (reference.returns === "value") return `\`${reference.accessor}\` reads a value of this flag, not on or off; replace the read with the value to keep by hand`;
  const node = findNode(context.sourceFile, range.start, range.end);
  if (node === undefined) return "the check is not an expression the cleanup recognises";
  const key = findNode(context.sourceFile, reference.keyRange.start, reference.keyRange.end);
  if (key !== undefined && ts.isConditionalExpression(key.parent) && key.parent.condition !== key)
    return "the key is chosen at run time between this flag and another; rewrite the check by hand";
  if (key !== undefined && ts.isExpression(key) && readsListElement(key))
    return "the key is read off each element of a list, so this check stands for other flags too; rewrite it by hand";
  if (reference.kind === "flags-object") return seedFlagsObjectRead(context, node, reference, value);
  if (reference.kind === "jsx") {
    const element = asElement(node);
    return element === undefined ? "the check is not a JSX element" : seedFeatureElement(context, element, reference, value);
  }
  if (reference.kind === "hoc") {
    const element = asElement(node);
    return element === undefined ? "the check is not a JSX element" : seedHocElement(context, element, reference, value);
  }
  const declaration = destructuringDeclaration(node);
  if (declaration !== undefined) return seedDestructuring(context, declaration, reference, value);
  if (!ts.isExpression(node)) return "the check is not an expression the cleanup recognises";
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return "the flag is assigned to here, not checked";
  const held = seedHeldResult(context, node, reference, value);
  if (held !== undefined) return held;
  const unsafe = unsafeToFold(context, node);
  if (unsafe !== undefined) return unsafe;
  return [{ start: node.getStart(context.sourceFile), end: node.end, text: placeholder(context, value) }];
}

/**
 * `const f = useFlag("x"); if (f.enabled)` with a `property: "enabled"` accessor: the local holds the result,
 * not the boolean, so the call becomes the flag's value only together with every `f.enabled` becoming `f`
 * (then the local folds away). Any other use of `f` (`f.variant`, `f` passed on) means the result is more
 * than the boolean: the site is left and listed. Undefined when `node` is not such a call.
 */
function seedHeldResult(context: StepContext, node: ts.Expression, reference: FlagReference, value: boolean): Edit[] | string | undefined {
  const { sourceFile } = context;
  const config = context.accessors.find((a): a is CallAccessorConfig => "call" in a && a.property !== undefined && (a.call === reference.accessor || a.call.split(".").pop() === reference.accessor));
  if (config?.property === undefined || !ts.isCallExpression(node)) return undefined;
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name)) return undefined;
  const name = declaration.name.text;
  const reads: ts.PropertyAccessExpression[] = [];
  let otherUses = 0;
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child) && child.text === name && child !== declaration.name) {
      const parent = child.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === child && parent.name.text === config.property) reads.push(parent);
      else if (!(ts.isPropertyAccessExpression(parent) && parent.name === child)) otherUses++;
    }
    ts.forEachChild(child, visit);
  };
  visit(sourceFile);
  if (otherUses > 0 || reads.length === 0)
    return `\`${name}\` holds the result of \`${reference.accessor}\`, which is used for more than \`.${config.property}\`; clean it by hand`;
  return [
    { start: node.getStart(sourceFile), end: node.end, text: placeholder(context, value) },
    ...reads.map((read) => ({ start: read.getStart(sourceFile), end: read.end, text: name })),
  ];
}

/**
 * The edit that replaces one check of a value flag by the slot of its kept value (`slot`), or why it
 * cannot: reads further (`.limit`, `=== "blue"`) are what the value steps fold.
 */
export function seedValueReference(context: StepContext, range: { start: number; end: number }, slot: string): Edit[] | string {
  const node = findNode(context.sourceFile, range.start, range.end);
  if (node === undefined || !ts.isExpression(node)) return "the check is not an expression the cleanup recognises";
  const unsafe = unsafeToFold(context, node, true);
  if (unsafe !== undefined) return unsafe;
  // `await client.getFeatureFlag("k", id)`: awaiting a JSON value gives it back (JSON is never a thenable).
  const target = ts.isAwaitExpression(node.parent) ? node.parent : node;
  return [{ start: target.getStart(context.sourceFile), end: target.end, text: slot }];
}

/** The deepest node spanning exactly `[start, end)`. */
function findNode(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) > start || node.end < end) return;
    if (node.getStart(sourceFile) === start && node.end === end) found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

function asElement(node: ts.Node): ts.JsxElement | ts.JsxSelfClosingElement | undefined {
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) return node;
  if (ts.isJsxOpeningElement(node)) return node.parent;
  return undefined;
}

function isJsxChild(node: ts.Node): boolean {
  return ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent);
}

function attributesOf(element: ts.JsxElement | ts.JsxSelfClosingElement): ts.JsxAttributes {
  return ts.isJsxElement(element) ? element.openingElement.attributes : element.attributes;
}

function attribute(element: ts.JsxElement | ts.JsxSelfClosingElement, name: string): ts.JsxAttribute | undefined {
  return attributesOf(element).properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

/** Removes an element that stands in a JSX child list, an array literal, or an expression. */
function removeElement(context: StepContext, element: ts.Node): Edit[] {
  const { text, sourceFile } = context;
  if (isJsxChild(element)) return [deleteJsxChild(context, element)];
  const parent = element.parent;
  if (ts.isArrayLiteralExpression(parent)) {
    const index = parent.elements.indexOf(element as ts.Expression);
    const next = parent.elements[index + 1];
    const start = element.getStart(sourceFile);
    if (next !== undefined) {
      if (startsLine(text, start)) return [{ start: lineStart(text, start), end: lineStart(text, next.getStart(sourceFile)), text: "" }];
      return [{ start, end: next.getStart(sourceFile), text: "" }];
    }
    const previous = parent.elements[index - 1];
    const comma = text.indexOf(",", element.end);
    const hasTrailingComma = parent.elements.hasTrailingComma;
    if (startsLine(text, start)) {
      const end = hasTrailingComma ? comma + 1 : element.end;
      if (endsLine(text, end)) return [{ start: lineStart(text, start), end: nextLineStart(text, end), text: "" }];
    }
    if (previous !== undefined) return [{ start: previous.end, end: element.end, text: "" }];
    return [{ start, end: hasTrailingComma ? comma + 1 : element.end, text: "" }];
  }
  return [{ start: element.getStart(sourceFile), end: element.end, text: "null" }];
}

function meaningfulChildren(element: ts.JsxElement): ts.JsxChild[] {
  return element.children.filter((child) => !(ts.isJsxText(child) && child.text.trim() === ""));
}

function trimmedRange(context: StepContext, children: ts.JsxChild[]): [number, number] {
  const first = children[0]!;
  const last = children[children.length - 1]!;
  let start = first.getStart(context.sourceFile);
  let end = last.end;
  if (ts.isJsxText(first)) start += first.getText(context.sourceFile).length - first.getText(context.sourceFile).trimStart().length;
  if (ts.isJsxText(last)) end -= last.getText(context.sourceFile).length - last.getText(context.sourceFile).trimEnd().length;
  return [start, end];
}

function seedFeatureElement(context: StepContext, element: ts.JsxElement | ts.JsxSelfClosingElement, reference: FlagReference, value: boolean): Edit[] | string {
  const { sourceFile, text } = context;
  const renderProp = ts.isJsxElement(element) && element.children.some((c) => ts.isJsxExpression(c) && c.expression !== undefined && (ts.isArrowFunction(c.expression) || ts.isFunctionExpression(c.expression)));
  if (renderProp) return `\`<${reference.accessor}>\` renders a function child; call it with the flag's value by hand`;
  const gate = context.accessors.find((a): a is JsxAccessorConfig => "jsx" in a && a.jsx === reference.accessor);
  // A learned gate knows which prop renders on each side (`then`/`else`): those are its own, not guesses.
  const learned = gate as (JsxAccessorConfig & { thenProp?: string; elseProp?: string }) | undefined;
  const own = new Set([gate?.prop ?? "flag", gate?.fallbackProp ?? "fallback", "key", ...(learned?.thenProp ? [learned.thenProp] : []), ...(learned?.elseProp ? [learned.elseProp] : [])]);
  const rendered = attributesOf(element).properties.find(
    (p) => ts.isJsxSpreadAttribute(p) || (!own.has(p.name.getText(sourceFile)) && p.initializer !== undefined && ts.isJsxExpression(p.initializer) && p.initializer.expression !== undefined && isJsxOrFunction(p.initializer.expression)),
  );
  if (rendered !== undefined)
    return `\`<${reference.accessor}>\` renders what its \`${ts.isJsxSpreadAttribute(rendered) ? "{...}" : rendered.name.getText(sourceFile)}\` prop says; replace it by the kept branch by hand`;
  const start = element.getStart(sourceFile);
  const replace = (newText: string): Edit[] => [{ start, end: element.end, text: newText }];
  const config = context.accessors.find((a): a is JsxAccessorConfig => "jsx" in a && a.jsx === reference.accessor);
  if ((config as LearnedAccessorConfig | undefined)?.opaque === true)
    return `\`<${reference.accessor}>\` renders more than the side this flag picks; inline the component by hand`;
  // `<FeatureFlagLayout flag="x" then={<New />} else={<Old />} />`: the `then` prop, not the children, when on.
  const thenAttribute = value && config?.thenProp !== undefined ? attribute(element, config.thenProp) : undefined;
  if (value && thenAttribute === undefined) {
    const children = ts.isJsxElement(element) ? meaningfulChildren(element) : [];
    if (children.length === 0) return removeElement(context, element);
    const [from, to] = trimmedRange(context, children);
    const moved = reindent(context, from, to, indentAt(text, from), indentAt(text, start));
    if (isJsxChild(element)) return replace(moved);
    const only = children.length === 1 ? children[0]! : undefined;
    if (only !== undefined && (ts.isJsxElement(only) || ts.isJsxSelfClosingElement(only) || ts.isJsxFragment(only))) return replace(moved);
    if (only !== undefined && ts.isJsxExpression(only)) return replace(only.expression === undefined ? "null" : movedText(context, only.expression, element));
    const jsx = element as ts.JsxElement;
    return replace(`<>${text.slice(jsx.openingElement.end, jsx.closingElement.getStart(sourceFile))}</>`);
  }
  const fallback = (thenAttribute ?? attribute(element, config?.fallbackProp ?? "fallback"))?.initializer;
  const expression = fallback !== undefined && ts.isJsxExpression(fallback) ? fallback.expression : fallback;
  if (expression === undefined || expression.kind === ts.SyntaxKind.NullKeyword) return removeElement(context, element);
  const inner = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  const isJsx = ts.isJsxElement(inner) || ts.isJsxSelfClosingElement(inner) || ts.isJsxFragment(inner);
  if (isJsxChild(element)) return replace(isJsx ? movedText(context, inner, element) : `{${movedText(context, expression, element)}}`);
  return replace(movedText(context, expression, element));
}

function seedHocElement(context: StepContext, element: ts.JsxElement | ts.JsxSelfClosingElement, reference: FlagReference, value: boolean): Edit[] | string {
  if (!value) return removeElement(context, element);
  const { sourceFile, text } = context;
  const config = context.accessors.find((a): a is HocAccessorConfig => "hoc" in a && a.hoc === reference.accessor);
  const edits: Edit[] = [];
  const properties = attributesOf(element).properties;
  for (const property of properties) {
    const init = ts.isJsxAttribute(property) ? property.initializer : undefined;
    const call = init !== undefined && ts.isJsxExpression(init) && init.expression !== undefined && ts.isCallExpression(init.expression) ? init.expression : undefined;
    if (call === undefined || calleeName(call) !== reference.accessor) continue;
    const component = call.arguments[0];
    if (component === undefined) return `\`${reference.accessor}(...)\` has no component argument to unwrap`;
    edits.push({ start: call.getStart(sourceFile), end: call.end, text: component.getText(sourceFile) });
  }
  const slug = attribute(element, config?.prop ?? "featureSlug");
  if (slug !== undefined) {
    const slugStart = slug.getStart(sourceFile);
    if (startsLine(text, slugStart) && endsLine(text, slug.end)) edits.push({ start: lineStart(text, slugStart), end: nextLineStart(text, slug.end), text: "" });
    else {
      const index = properties.indexOf(slug);
      const before = index > 0 ? properties[index - 1]!.end : (ts.isJsxElement(element) ? element.openingElement.tagName : element.tagName).end;
      edits.push({ start: before, end: slug.end, text: "" });
    }
  }
  return edits;
}

function destructuringDeclaration(node: ts.Node): ts.VariableDeclaration | undefined {
  let current = node;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current)) current = current.parent;
  if (ts.isVariableDeclaration(current)) return ts.isObjectBindingPattern(current.name) ? current : undefined;
  const parent = node.parent;
  return ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isObjectBindingPattern(parent.name) ? parent : undefined;
}

/** `const { enabled: showNew } = useFlag("x")` becomes `const showNew = __on__`, which the local step inlines. */
function seedDestructuring(context: StepContext, declaration: ts.VariableDeclaration, reference: FlagReference, value: boolean): Edit[] | string {
  const pattern = declaration.name as ts.ObjectBindingPattern;
  const config = context.accessors.find((a): a is CallAccessorConfig => "call" in a && a.property !== undefined && (a.call === reference.accessor || a.call.split(".").pop() === reference.accessor));
  const property = config?.property ?? "enabled";
  const element = pattern.elements.find((e) => (e.propertyName ?? e.name).getText(context.sourceFile) === property);
  if (element === undefined || !ts.isIdentifier(element.name) || element.dotDotDotToken !== undefined)
    return `the result of \`${reference.accessor}\` is destructured without \`${property}\``;
  if (pattern.elements.length > 1) return `the result of \`${reference.accessor}\` is destructured into other names as well; remove them by hand`;
  return [{ start: declaration.getStart(context.sourceFile), end: declaration.end, text: `${element.name.text} = ${placeholder(context, value)}` }];
}

/**
 * Why replacing the check `node` by a boolean would change what the code does, or undefined when it
 * would not: a call behind `?.` may not happen at all (`maybe?.isFeatureEnabled("x")` is undefined when
 * `maybe` is nullish), and a result that is read further (`.payload`, `[0]`, `()`) is not the boolean.
 */
function unsafeToFold(context: StepContext, node: ts.Expression, isValue = false): string | undefined {
  const { sourceFile } = context;
  if (ts.isCallExpression(node)) {
    let callee: ts.Expression = node;
    while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) || ts.isNonNullExpression(callee) || ts.isParenthesizedExpression(callee)) {
      if ((ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && callee.questionDotToken !== undefined)
        return `\`${node.getText(sourceFile)}\` is called through \`?.\`: when the receiver is nullish it is undefined, not the flag's value; clean it by hand`;
      callee = callee.expression;
    }
  }
  if (isValue) return undefined;
  let outer: ts.Node = node;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  const readsFurther =
    ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) ||
    (ts.isCallExpression(parent) && parent.expression === outer) ||
    (ts.isTaggedTemplateExpression(parent) && parent.tag === outer);
  if (readsFurther)
    return `the result of \`${node.getText(sourceFile)}\` is read further (\`${parent.getText(sourceFile).slice(outer.getText(sourceFile).length, outer.getText(sourceFile).length + 30)}\`), so it is not the flag's boolean; declare \`property\` or \`returns: "value"\` on the accessor, or clean it by hand`;
  return undefined;
}

/** Whether `node` is markup or a function (a render prop), looking through parentheses and `&&`/`?:`. */
function isJsxOrFunction(node: ts.Expression): boolean {
  const inner = ts.isParenthesizedExpression(node) ? node.expression : node;
  if (ts.isJsxElement(inner) || ts.isJsxSelfClosingElement(inner) || ts.isJsxFragment(inner) || ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return true;
  if (ts.isConditionalExpression(inner)) return isJsxOrFunction(inner.whenTrue) || isJsxOrFunction(inner.whenFalse);
  if (ts.isBinaryExpression(inner)) return isJsxOrFunction(inner.right);
  return false;
}
