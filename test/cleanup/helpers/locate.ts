import ts from "../../../src/languages/typescript/typescript-api.cjs";
import type { AccessorConfig } from "../../../src/config/schema.js";
import type { FlagReference, ReferenceKind } from "../../../src/scan/reference.js";
import { parse } from "../../../src/languages/typescript/cleanup/context.js";

/**
 * A small syntactic reference finder for unit tests of the rewrite, independent of the project scan:
 * calls, `property` calls, checker calls, members, `<Feature>` elements and HOC routes whose key is the
 * slug as a string or one of `constants`.
 */
export function locate(text: string, fileName: string, flag: string, accessors: readonly AccessorConfig[], constants: readonly string[] = []): FlagReference[] {
  const sourceFile = parse(text, fileName);
  const references: FlagReference[] = [];
  const isKey = (node: ts.Node | undefined): boolean => {
    if (node === undefined) return false;
    if (ts.isStringLiteralLike(node)) return node.text === flag;
    if (ts.isJsxExpression(node)) return isKey(node.expression);
    return constants.includes(node.getText(sourceFile));
  };
  const checkers = new Set<string>();
  const add = (kind: ReferenceKind, accessor: string, key: ts.Node, check: ts.Node): void => {
    const start = key.getStart(sourceFile);
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
    const endPos = sourceFile.getLineAndCharacterOfPosition(key.end);
    references.push({
      flag,
      file: fileName,
      line: line + 1,
      column: character + 1,
      endLine: endPos.line + 1,
      endColumn: endPos.character + 1,
      kind,
      accessor,
      keyText: key.getText(sourceFile),
      keyRange: { start, end: key.end },
      checkRange: { start: check.getStart(sourceFile), end: check.end },
      guards: [],
      language: "typescript",
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && ts.isCallExpression(node.initializer)) {
      const name = node.initializer.expression.getText(sourceFile);
      if (accessors.some((a) => "call" in a && a.returnsChecker && a.call === name)) checkers.add(node.name.text);
    }
    if (ts.isCallExpression(node)) {
      const name = node.expression.getText(sourceFile);
      for (const accessor of accessors) {
        if (!("call" in accessor)) continue;
        if (accessor.returnsChecker) {
          const isChecker = checkers.has(name) || ts.isCallExpression(node.expression) && node.expression.expression.getText(sourceFile) === accessor.call;
          if (isChecker && isKey(node.arguments[0])) add("checker-call", accessor.call, node.arguments[0]!, node);
          continue;
        }
        if (accessor.call !== name || !isKey(node.arguments[accessor.arg ?? 0])) continue;
        const key = node.arguments[accessor.arg ?? 0]!;
        if (accessor.property !== undefined && ts.isPropertyAccessExpression(node.parent) && node.parent.name.text === accessor.property) add("call", accessor.call, key, node.parent);
        else add("call", accessor.call, key, node);
      }
    }
    if (ts.isPropertyAccessExpression(node)) {
      for (const accessor of accessors)
        if ("member" in accessor && node.expression.getText(sourceFile) === accessor.member && node.name.text === flag) add("member", accessor.member, node.name, node);
    }
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const element = ts.isJsxOpeningElement(node) ? node.parent : node;
      const tag = node.tagName.getText(sourceFile);
      for (const accessor of accessors) {
        if ("jsx" in accessor && accessor.jsx === tag) {
          const attr = node.attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText(sourceFile) === (accessor.prop ?? "flag"));
          if (attr !== undefined && ts.isJsxAttribute(attr) && isKey(attr.initializer)) add("jsx", accessor.jsx, attr.initializer!, element);
        }
        if ("hoc" in accessor) {
          const attr = node.attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText(sourceFile) === (accessor.prop ?? "featureSlug"));
          const usesHoc = node.attributes.getText(sourceFile).includes(`${accessor.hoc}(`);
          if (usesHoc && attr !== undefined && ts.isJsxAttribute(attr) && isKey(attr.initializer)) add("hoc", accessor.hoc, attr.initializer!, element);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return references;
}
