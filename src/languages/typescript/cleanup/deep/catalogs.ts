import ts from "../../typescript-api.cjs";
import { applyEdits, type Edit } from "../../../../cleanup/edit.js";
import { lineStart, nextLineStart, startsLine } from "../../../../cleanup/lines.js";

export const DEFAULT_CATALOGS = ["**/i18n/**/*.json", "**/locales/**/*.json", "**/locale/**/*.json", "**/*_*.json"];

/**
 * A catalog's text without the keys `isRemoved` picks (by dotted path for nested catalogs); an object left
 * empty goes too. Undefined when the file is not a catalog (not an object of strings and objects) or nothing goes.
 */
export function removeCatalogKeys(fileName: string, text: string, isRemoved: (key: string) => boolean): { text: string; removed: string[] } | undefined {
  const json = ts.parseJsonText(fileName, text);
  if ((json as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return undefined;
  const top = json.statements[0]?.expression;
  if (top === undefined || !ts.isObjectLiteralExpression(top) || !isCatalog(top)) return undefined;
  const edits: Edit[] = [];
  const removed: string[] = [];
  // Returns whether every property of `object` goes (the caller then removes the object's own property).
  const visit = (object: ts.ObjectLiteralExpression, prefix: string): boolean => {
    const gone: boolean[] = object.properties.map((property) => {
      if (!ts.isPropertyAssignment(property)) return false;
      const key = ts.isStringLiteral(property.name) || ts.isIdentifier(property.name) ? property.name.text : undefined;
      if (key === undefined) return false;
      const full = prefix + key;
      if (ts.isObjectLiteralExpression(property.initializer) && !isMessageEntry(property.initializer)) {
        if (property.initializer.properties.length === 0) return false;
        const edits0 = edits.length;
        const all = visit(property.initializer, `${full}.`);
        if (all) edits.length = edits0;
        return all;
      }
      if (!isRemoved(full)) return false;
      removed.push(full);
      return true;
    });
    if (gone.every(Boolean) && gone.length > 0) return true;
    const properties = object.properties;
    for (let i = 0; i < properties.length; i++) {
      if (!gone[i]) continue;
      const property = properties[i]!;
      const keptAfter = gone.slice(i + 1).some((g) => !g);
      const start = startsLine(text, property.getStart(json)) ? lineStart(text, property.getStart(json)) : property.getStart(json);
      if (keptAfter) {
        const next = properties[i + 1]!;
        const end = startsLine(text, next.getStart(json)) ? lineStart(text, next.getStart(json)) : next.getStart(json);
        edits.push({ start, end, text: "" });
      } else {
        // The last kept property before a removed tail loses its comma.
        const previousKept = [...properties.slice(0, i).keys()].reverse().find((k) => !gone[k]);
        const from = previousKept === undefined ? start : properties[previousKept]!.getEnd();
        const end = nextLineStart(text, property.getEnd()) - 1;
        edits.push({ start: from, end: Math.max(end, property.getEnd()), text: "" });
        break;
      }
    }
    return false;
  };
  const all = visit(top, "");
  if (all) {
    const first = top.properties[0]!;
    const last = top.properties[top.properties.length - 1]!;
    edits.length = 0;
    edits.push({ start: lineStart(text, first.getStart(json)), end: nextLineStart(text, last.getEnd()), text: "" });
  }
  if (removed.length === 0) return undefined;
  return { text: applyEdits(text, mergeTail(edits)).text, removed };
}

// A removed tail edit starts at the previous kept property's end and may cover earlier removals: keep the widest.
function mergeTail(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Edit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && edit.start < last.end) last.end = Math.max(last.end, edit.end);
    else out.push({ ...edit });
  }
  return out;
}

function isCatalog(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.every(
    (p) => ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.initializer) || (ts.isObjectLiteralExpression(p.initializer) && isCatalog(p.initializer))),
  );
}

/** `{ "string": "...", "context": "..." }` (react-intl's extracted format): one message, not a namespace. */
function isMessageEntry(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((p) => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && ["string", "defaultMessage", "message", "translation"].includes(p.name.text));
}
