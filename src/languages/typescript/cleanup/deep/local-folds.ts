import ts from "../../typescript-api.cjs";
import { applyEdits, type Edit } from "../../../../cleanup/edit.js";
import { lineStart, nextLineStart, startsLine } from "../../../../cleanup/lines.js";
import { parseTypeScript } from "../../parse.js";
import { isPure } from "./side-effects.js";

/**
 * Folds what the flag's removal left constant and the per-file rewrite does not see: `x && false` and
 * `x || true` with a side-effect-free `x`, then `false && y`/`true || y`, `{false}` JSX children, and JSX
 * children left as `{false}`. Only expressions whose text is not in `before` are
 * touched: what the author wrote stays as written. Returns the new text and what was folded.
 */
export function foldLocally(fileName: string, before: string, text: string): { text: string; folded: string[] } {
  const folded: string[] = [];
  for (let round = 0; round < 10; round++) {
    const sourceFile = parseTypeScript(fileName, text);
    const edits: Edit[] = [];
    const isNew = (node: ts.Node): boolean => !before.includes(node.getText(sourceFile));
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && isNew(node)) {
        const operator = node.operatorToken.kind;
        const left = unwrap(node.left);
        const right = unwrap(node.right);
        const absorbing = operator === ts.SyntaxKind.AmpersandAmpersandToken ? ts.SyntaxKind.FalseKeyword : operator === ts.SyntaxKind.BarBarToken ? ts.SyntaxKind.TrueKeyword : undefined;
        if (absorbing !== undefined && (left.kind === absorbing || (right.kind === absorbing && isPure(node.left)))) {
          edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: absorbing === ts.SyntaxKind.FalseKeyword ? "false" : "true" });
          if (left.kind !== absorbing) folded.push(node.getText(sourceFile).split("\n")[0]!.slice(0, 60));
          return;
        }
      }
      if (ts.isJsxExpression(node) && node.expression?.kind === ts.SyntaxKind.FalseKeyword && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && isNew(node)) {
        const start = node.getStart(sourceFile);
        const end = node.getEnd();
        const alone = startsLine(sourceFile.text, start) && /^[ \t]*\r?\n?$/.test(sourceFile.text.slice(end, nextLineStart(sourceFile.text, end)));
        edits.push(alone ? { start: lineStart(sourceFile.text, start), end: nextLineStart(sourceFile.text, end), text: "" } : { start, end, text: "" });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    if (edits.length === 0) break;
    const next = applyEdits(text, edits).text;
    if (next === text) break;
    text = next;
  }
  return { text, folded };
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}
