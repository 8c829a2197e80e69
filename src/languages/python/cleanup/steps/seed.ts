// Before:  if flag_is_active(request, "ff_x"):        @waffle_flag("ff_x")        class V(WaffleFlagMixin, View):
//              new()                                    def view(request): ...        waffle_flag = "ff_x"
// After:   if __flag_scan_on__:                        def view(request): ...      class V(View):
//              new()                                                               (value on)
// Replaces one check of the flag by the introduced value. Decorators and mixin attributes gate a
// whole view, so they are resolved here: on keeps the view without the gate, off deletes the view (its
// `urls.py` routes go once every file is rewritten, see ../routes.ts).
import type { Node } from "../../parser.js";
import { dottedName, named } from "../../syntax.js";
import type { FlagReference } from "../../../../scan/reference.js";
import type { Edit } from "../../../../cleanup/edit.js";
import type { CleanupProblem } from "../../../language.js";
import { placeholder, type PyStepContext } from "../context.js";
import { deleteStatements } from "../layout.js";
import { deleteElement } from "../routes.js";

export interface SeedResult {
  edits: Edit[];
  problems: CleanupProblem[];
}

/** The edits that replace one check, or a sentence saying why it cannot be replaced. */
export function seedReference(context: PyStepContext, reference: FlagReference, value: boolean, file: string): SeedResult | string {
  const node = nodeAt(context.root, reference.checkRange.start, reference.checkRange.end);
  if (node === undefined) return "the check is not code the cleanup recognises";
  // waffle reads `"!ff_x"` on decorators and mixins as "when the flag is off".
  const keep = /^[rRuU]?["']!/.test(reference.keyText) ? !value : value;
  if (reference.kind === "decorator") {
    if (node.type === "decorator") return seedDecorator(context, node, keep, file);
    const methodDecorator = methodDecoratorOf(node);
    return methodDecorator === undefined ? seedWrapperCall(context, node, keep) : seedMethodDecorator(context, methodDecorator, keep, file);
  }
  if (reference.kind === "class-attribute") return seedClassAttribute(context, node, keep, file);
  if (node.parent?.type === "assignment" && node.parent.childForFieldName("left")?.equals(node)) return "the flag is assigned to here, not checked";
  const isKeyItself = reference.keyRange.start === reference.checkRange.start && reference.keyRange.end === reference.checkRange.end;
  if (isKeyItself && ["list", "tuple", "set"].includes(node.parent?.type ?? "")) return "the key is one item of a list of keys the call checks; remove it from the list by hand";
  if (isRowQuery(node)) return "a query of the flag's row (`objects.filter(name=...)`), not a check of its state; change or delete it by hand";
  return { edits: [{ start: node.startIndex, end: node.endIndex, text: placeholder(context, value) }], problems: [] };
}

/** `Flag.objects.filter(name="x")`, `get_waffle_flag_model().objects.get(name="x")`. */
function isRowQuery(node: Node): boolean {
  const fn = node.type === "call" ? node.childForFieldName("function") : null;
  return fn?.type === "attribute" && fn.childForFieldName("object")?.type === "attribute" && fn.childForFieldName("object")!.childForFieldName("attribute")?.text === "objects";
}

function nodeAt(root: Node, start: number, end: number): Node | undefined {
  let node: Node | null = root.descendantForIndex(start, Math.max(start, end - 1));
  while (node !== null && !(node.startIndex <= start && node.endIndex >= end)) node = node.parent;
  return node !== null && node.startIndex === start && node.endIndex === end ? node : undefined;
}

function seedDecorator(context: PyStepContext, decorator: Node, keep: boolean, file: string): SeedResult {
  const definition = decorator.parent;
  if (definition?.type !== "decorated_definition") return { edits: [], problems: [] };
  if (keep) {
    const decorators = named(definition).filter((node) => node.type === "decorator");
    if (decorators.length === 1) {
      // The only decorator: the definition starts right after it.
      const inner = definition.childForFieldName("definition")!;
      return { edits: [{ start: decorator.startIndex, end: inner.startIndex, text: "" }], problems: [] };
    }
    return { edits: [deleteStatements(context.text, decorator)], problems: [] };
  }
  return deleteDefinition(context, definition, file);
}

/** The `@method_decorator(...)` decorator whose gate `call` is (`@method_decorator(waffle_flag("x"), name="dispatch")`). */
function methodDecoratorOf(call: Node): Node | undefined {
  const list = call.parent;
  const outer = list?.parent;
  if (list?.type !== "argument_list" || outer?.type !== "call" || !named(list)[0]?.equals(call)) return undefined;
  if (dottedName(outer.childForFieldName("function")!)?.split(".").pop() !== "method_decorator") return undefined;
  return outer.parent?.type === "decorator" ? outer.parent : undefined;
}

// `@method_decorator(waffle_flag("ff_x"), name="dispatch")` on a class-based view, or on its `dispatch`:
// the whole view is gated. On another method only that method is: deleting it would answer 405, not 404.
function seedMethodDecorator(context: PyStepContext, decorator: Node, keep: boolean, file: string): SeedResult | string {
  if (keep) return seedDecorator(context, decorator, true, file);
  const definition = decorator.parent;
  const inner = definition?.childForFieldName("definition");
  if (definition == null || inner == null) return "the decorator is used in a way the cleanup does not recognise";
  if (inner.type === "class_definition") return deleteDefinition(context, definition, file);
  const classNode = definition.parent?.type === "block" ? definition.parent.parent : null;
  if (inner.childForFieldName("name")?.text === "dispatch" && classNode?.type === "class_definition")
    return deleteDefinition(context, classNode.parent?.type === "decorated_definition" ? classNode.parent : classNode, file);
  return "the method is gated off; delete it by hand (without it Django answers 405 instead of 404)";
}

// `path("x/", waffle_flag("ff_x")(views.x))`: the same gate, applied by hand in urls.py.
function seedWrapperCall(context: PyStepContext, call: Node, keep: boolean): SeedResult | string {
  const outer = call.parent;
  if (outer?.type !== "call" || !outer.childForFieldName("function")?.equals(call)) return "the decorator is used in a way the cleanup does not recognise";
  if (!keep) {
    // `path("x/", waffle_flag("ff_x")(views.x))` in `urlpatterns`: the route can never answer, so it goes.
    const route = outer.parent?.type === "argument_list" ? outer.parent.parent : null;
    const routeName = route?.type === "call" ? dottedName(route.childForFieldName("function")!)?.split(".").pop() : undefined;
    if (route != null && ["path", "re_path", "url"].includes(routeName ?? "") && ["list", "tuple"].includes(route.parent?.type ?? ""))
      return { edits: [deleteElement(context.text, route)], problems: [] };
    return "the route's view is gated off; remove the route by hand";
  }
  const [view] = named(outer.childForFieldName("arguments")!);
  if (view === undefined) return "the decorator wraps nothing";
  return { edits: [{ start: outer.startIndex, end: outer.endIndex, text: view.text }], problems: [] };
}

function seedClassAttribute(context: PyStepContext, node: Node, keep: boolean, file: string): SeedResult | string {
  // The statement and its assignment share a range; the parse hands back the inner one.
  const statement = node.type === "assignment" && node.parent?.type === "expression_statement" ? node.parent : node;
  const body = statement.parent;
  const classNode = body?.parent;
  if (classNode?.type !== "class_definition") return "the flag attribute is not in a class body";
  if (!keep) return deleteDefinition(context, classNode.parent?.type === "decorated_definition" ? classNode.parent : classNode, file);
  const edits = [deleteStatements(context.text, statement)];
  const superclasses = classNode.childForFieldName("superclasses");
  const bases = superclasses === null ? [] : named(superclasses);
  // The mixin only reads the attribute; without it the mixin would 404 every request.
  const mixin = bases.find((base) => /Flag\w*Mixin$/.test(dottedName(base) ?? ""));
  if (mixin !== undefined) {
    const index = bases.indexOf(mixin);
    const next = bases[index + 1];
    const previous = bases[index - 1];
    if (next !== undefined) edits.push({ start: mixin.startIndex, end: next.startIndex, text: "" });
    else if (previous !== undefined) edits.push({ start: previous.endIndex, end: mixin.endIndex, text: "" });
    else edits.push({ start: superclasses!.startIndex, end: superclasses!.endIndex, text: "" });
  }
  return { edits, problems: [] };
}

/** Deletes a view; its `urls.py` routes go with it once every file is rewritten (`../routes.ts`). */
function deleteDefinition(context: PyStepContext, definition: Node, _file: string): SeedResult {
  return { edits: [deleteStatements(context.text, definition)], problems: [] };
}
