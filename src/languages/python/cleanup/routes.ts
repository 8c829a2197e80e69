// Before (urls.py):                                   After, once the cleanup deleted `views.reports`:
//   from . import views                                  from . import views
//   from .views import ReportsView
//   urlpatterns = [                                       urlpatterns = [
//       path("", views.home),                                 path("", views.home),
//       path("reports/", views.reports),                  ]
//       path("r/", ReportsView.as_view()),
//   ]
//   router.register("reports", views.ReportViewSet)
// A view the cleanup deleted (its gate can never pass) takes its routes along: `path`, `re_path` and `url`
// entries (the view as `views.x`, `x`, `X.as_view()` or a dotted string) and DRF `router.register`
// lines, then the imports nothing uses any more. A route it cannot take out is reported.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Edit } from "../../../cleanup/edit.js";
import { applyEdits } from "../../../cleanup/edit.js";
import { rewriteToFixpoint } from "../../../cleanup/fixpoint.js";
import { lineStart, nextLineStart } from "../../../cleanup/lines.js";
import { LineIndex } from "../../../scan/line-index.js";
import type { CleanupProblem, PlannedFile } from "../../language.js";
import { collectBindings, type Binding } from "../module-index.js";
import { withPythonTree, type Node } from "../parser.js";
import { callArguments, dottedName, named, stringValue } from "../syntax.js";
import { useCounts } from "./context.js";
import { deleteStatements } from "./layout.js";
import { pythonRewrite } from "./rewrite.js";

/** Module-level functions and classes of a Python file. */
export function topLevelDefinitions(text: string): Set<string> {
  return withPythonTree(text, (tree) => {
    const names = new Set<string>();
    for (const statement of named(tree.rootNode)) {
      const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
      if (definition?.type === "function_definition" || definition?.type === "class_definition") {
        const name = definition.childForFieldName("name")?.text;
        if (name !== undefined) names.add(name);
      }
    }
    return names;
  });
}

/** A view the per-file rewrite deleted: its module (`shop/views.py`, relative) and name. */
export interface DeletedView {
  file: string;
  name: string;
}

export interface RouteRemoval {
  files: PlannedFile[];
  problems: CleanupProblem[];
}

/**
 * The `urls.py` files next to each deleted view's module and one directory up (where Django projects keep
 * them), without the routes to the deleted views. `current` gives a file's text as the rewrite left it.
 */
export function removeRoutes(root: string, deleted: readonly DeletedView[], current: (file: string) => string | undefined): RouteRemoval {
  const result: RouteRemoval = { files: [], problems: [] };
  const byUrls = new Map<string, DeletedView[]>();
  for (const view of deleted) {
    const directory = path.posix.dirname(view.file);
    for (const candidate of new Set([path.posix.join(directory, "urls.py"), path.posix.join(path.posix.dirname(directory), "urls.py")])) {
      const relative = candidate.replace(/^\.\//, "");
      if (!existsSync(path.join(root, relative))) continue;
      byUrls.set(relative, [...(byUrls.get(relative) ?? []), view]);
    }
  }
  const removedNames = new Set<string>();
  for (const [urls, views] of byUrls) {
    const before = current(urls) ?? readFileSync(path.join(root, urls), "utf8");
    const edits = routeEdits(before, views, urls, removedNames);
    const after = edits.length === 0 ? before : withoutUnusedImports(before, edits, urls);
    if (after !== before) result.files.push({ file: urls, before, after });
    // Whatever still names a deleted view (a route written another way, an import still used) is listed.
    const lines = new LineIndex(after);
    for (const view of views) for (const mention of mentionsOf(after, view.name)) {
      const at = lines.position(mention.offset);
      result.problems.push({ file: urls, ...at, message: mention.isImport ? `the cleanup deleted the view \`${view.name}\`; remove its import \`${mention.line}\`` : `the cleanup deleted the view \`${view.name}\`; remove its URL route \`${mention.line.replace(/,$/, "")}\`` });
    }
  }
  result.problems.push(...reversedNames(root, removedNames, current));
  return result;
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", "__pycache__", "venv", "env", "site-packages", "static", "media"]);

/**
 * Code and templates that still reverse a removed route by name (`reverse("reports")`, `{% url "reports" %}`,
 * Jinja2's `url("reports")`, also `app:reports`): Django would raise `NoReverseMatch` there.
 */
function reversedNames(root: string, names: ReadonlySet<string>, current: (file: string) => string | undefined): CleanupProblem[] {
  if (names.size === 0) return [];
  const alternatives = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const pattern = new RegExp(`(?:\\b(?:reverse|reverse_lazy|redirect|resolve_url|url)\\(\\s*|\\{%-?\\s*url\\s+)(["'])(?:[\\w-]+:)?(${alternatives})\\1`, "g");
  const problems: CleanupProblem[] = [];
  const walk = (directory: string, relative: string): void => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".")) continue;
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path.join(directory, entry.name), child);
        continue;
      }
      if (!/\.(py|html|txt|jinja2?|j2)$/.test(entry.name)) continue;
      let text = current(child);
      if (text === undefined) {
        try {
          text = readFileSync(path.join(directory, entry.name), "utf8");
        } catch {
          continue;
        }
      }
      if (![...names].some((name) => text!.includes(name))) continue;
      const lines = new LineIndex(text);
      for (const match of text.matchAll(pattern)) {
        const at = lines.position(match.index + match[0].length - match[2]!.length - 1);
        problems.push({ file: child, ...at, message: `reverses the URL route \`${match[2]}\`, which the cleanup removed with its view (Django would raise NoReverseMatch); change it by hand` });
      }
    }
  };
  walk(root, "");
  return problems;
}

/** Lines naming `name` as code (`views.name`, `name`, `name.as_view()`), not inside a URL string. */
function mentionsOf(text: string, name: string): Array<{ offset: number; line: string; isImport: boolean }> {
  const pattern = new RegExp(`(?<![\\w"'/.-])(?:\\w+\\.)*${name}(?![\\w"'/-])`);
  const mentions: Array<{ offset: number; line: string; isImport: boolean }> = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const match = /^\s*#/.test(line) ? null : pattern.exec(line);
    if (match !== null) mentions.push({ offset: offset + match.index + match[0].length - name.length, line: line.trim(), isImport: /^\s*(from |import )/.test(line) });
    offset += line.length + 1;
  }
  return mentions;
}

function routeEdits(text: string, views: readonly DeletedView[], urls: string, routeNames: Set<string>): Edit[] {
  return withPythonTree(text, (tree) => {
    const edits: Edit[] = [];
    const bindings = collectBindings(tree.rootNode);
    for (const call of tree.rootNode.descendantsOfType("call")) {
      if (call === null) continue;
      const callee = dottedName(call.childForFieldName("function") ?? call)?.split(".");
      const name = callee?.[callee.length - 1];
      const { positional, keywords } = callArguments(call);
      const isRegister = name === "register" && callee!.length > 1;
      const view = isRegister ? positional[1] : name === "path" || name === "re_path" || name === "url" ? (positional[1] ?? keywords.get("view")) : undefined;
      if (view === undefined || !views.some((deleted) => refersTo(view, deleted, bindings, urls))) continue;
      // `router.register(...)` as a statement; a route as an entry of `urlpatterns`. Anything else is reported.
      if (isRegister && call.parent?.type === "expression_statement" && call.parent.parent?.type === "module") edits.push(deleteStatements(text, call.parent));
      else if (!isRegister && ["list", "tuple"].includes(call.parent?.type ?? "")) {
        edits.push(deleteElement(text, call));
        const routeName = keywords.get("name");
        const literal = routeName === undefined ? undefined : stringValue(routeName);
        if (literal !== undefined) routeNames.add(literal);
      }
    }
    return edits;
  });
}

/** Whether a route's view expression names `deleted` (through the urls module's imports). */
function refersTo(view: Node, deleted: DeletedView, bindings: ReadonlyMap<string, Binding>, urls: string): boolean {
  // `views.ReportsView.as_view(...)`
  let target = view;
  if (target.type === "call") {
    const fn = target.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "as_view") return false;
    target = fn.childForFieldName("object")!;
  }
  const module = modulePath(deleted.file);
  const literal = stringValue(target);
  // `url(r"^reports/$", "shop.views.reports")`
  if (literal !== undefined) return literal === `${module}.${deleted.name}` || literal.endsWith(`.${module.split(".").pop()}.${deleted.name}`) && module.endsWith(literal.slice(0, -deleted.name.length - 1));
  const dotted = dottedName(target)?.split(".");
  if (dotted === undefined || dotted[dotted.length - 1] !== deleted.name) return false;
  const head = bindings.get(dotted[0]!);
  if (head?.kind !== "import") return false;
  const imported = absoluteModule(head.module, urls);
  // `from .views import reports` (a bare name) or `from . import views` / `import shop.views` (a dotted one).
  const named = head.name === undefined ? imported : dotted.length === 1 ? imported : joinModule(imported, head.name);
  const rest = dotted.slice(1, -1);
  const full = head.name === undefined ? [named, ...rest].join(".") : dotted.length === 1 ? named : [named, ...rest].join(".");
  return sameModule(full, module);
}

/** `shop/views.py` -> `shop.views`; `shop/views/__init__.py` -> `shop.views`. */
function modulePath(file: string): string {
  return file.replace(/\.py$/, "").replace(/\/__init__$/, "").split("/").join(".");
}

/** A relative import (`.views`, `..shop`) made absolute from the importing file's package. */
function absoluteModule(spec: string, importer: string): string {
  const dots = /^\.*/.exec(spec)![0].length;
  if (dots === 0) return spec;
  let base = modulePath(importer).split(".").slice(0, -1);
  base = base.slice(0, Math.max(0, base.length - (dots - 1)));
  return [...base, ...(spec.slice(dots) === "" ? [] : spec.slice(dots).split("."))].join(".");
}

function joinModule(module: string, name: string): string {
  return module === "" ? name : `${module}.${name}`;
}

/** Absolute imports start at the source root, which may sit below the project root (`backend/shop`). */
function sameModule(imported: string, file: string): boolean {
  return imported === file || file.endsWith(`.${imported}`);
}

/** Deletes one element of a list, with its comma; its own lines go when nothing else is on them. */
export function deleteElement(text: string, element: Node): Edit {
  let end = element.endIndex;
  const after = /^[ \t]*,?/.exec(text.slice(end))![0];
  end += after.length;
  const start = lineStart(text, element.startIndex);
  const ownLines = /^[ \t]*$/.test(text.slice(start, element.startIndex)) && /^[ \t]*(#.*)?(\r?\n|$)/.test(text.slice(end));
  if (ownLines) return { start, end: nextLineStart(text, end), text: "" };
  const previousComma = /,\s*$/.exec(text.slice(0, element.startIndex));
  if (after.includes(",")) return { start: element.startIndex, end: end + /^[ \t]*/.exec(text.slice(end))![0].length, text: "" };
  return { start: previousComma === null ? element.startIndex : previousComma.index, end: element.endIndex, text: "" };
}

/** Applies the route edits, then removes the imports that only the removed routes used. */
function withoutUnusedImports(text: string, edits: Edit[], relativePath: string): string {
  // No flag: the steps only take out the imports that lost their last use.
  const base = { originalUses: withPythonTree(text, (tree) => useCounts(tree.rootNode)), flag: "\u0000", relativePath, problems: [] };
  return rewriteToFixpoint(text, pythonRewrite(base), () => applyEdits(text, [...edits].sort((a, b) => b.start - a.start)).text);
}
