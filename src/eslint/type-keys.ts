import type { SourceCode } from "eslint";
import type { FlagReference, TextRange } from "../scan/reference.js";

/**
 * The parts of typescript-eslint's parser services this file uses. Typed structurally so that the
 * program's TypeScript (the parser's copy) never meets the core's (ts-morph's): only its objects are used.
 */
interface TypedParserServices {
  program: { getTypeChecker(): { getTypeAtLocation(node: unknown): { isStringLiteral(): boolean; value?: unknown } } } | null;
  esTreeNodeToTSNodeMap: { get(node: unknown): unknown };
}

interface RangedNode {
  range: [number, number];
  parent?: RangedNode | null;
}

/**
 * Resolves keys that syntax could not, with the type checker, when the ESLint parser provides a program
 * (`parserOptions.projectService` or `project`): a key whose type is a single string literal type
 * (`flag: "ff_a"`, a `keyof`-narrowed parameter) names that flag. Without type information, returns
 * the references unchanged.
 */
export function resolveKeysWithTypes(references: FlagReference[], sourceCode: SourceCode): FlagReference[] {
  if (!references.some((reference) => reference.flag === undefined)) return references;
  const services = sourceCode.parserServices as Partial<TypedParserServices> | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return references;
  const checker = services.program.getTypeChecker();
  return references.map((reference) => {
    if (reference.flag !== undefined) return reference;
    const node = findNodeWithRange(sourceCode, reference.keyRange);
    const tsNode = node && services.esTreeNodeToTSNodeMap!.get(node);
    if (!tsNode) return reference;
    const type = checker.getTypeAtLocation(tsNode);
    return type.isStringLiteral() && typeof type.value === "string" ? { ...reference, flag: type.value } : reference;
  });
}

function findNodeWithRange(sourceCode: SourceCode, range: TextRange): RangedNode | undefined {
  let node = sourceCode.getNodeByRangeIndex(range.start) as RangedNode | null;
  while (node && node.range[0] >= range.start && node.range[1] <= range.end) {
    if (node.range[0] === range.start && node.range[1] === range.end) return node;
    node = node.parent ?? null;
  }
  return undefined;
}
