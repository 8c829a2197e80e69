import { existsSync } from "node:fs";
import path from "node:path";
import { Node, Project } from "ts-morph";
import type { ResolvedConfig } from "../../../config/schema.js";
import { ConfigError } from "../../../errors.js";
import type { FlagReference } from "../../../scan/reference.js";

/**
 * The opt-in tier (`typeInformation`): asks the type checker about the keys syntax could not resolve.
 * A key whose type is exactly one string literal (`(): "ff_x"`, a generic bound to a literal, a typed
 * property) gets that flag; anything wider stays dynamic. Loads the project's real tsconfig, because a
 * program built from only the scanned files loses global declarations.
 * @returns how many references were resolved (they are updated in place).
 */
export function resolveKeysWithTypes(references: FlagReference[], config: ResolvedConfig): number {
  if (config.typeInformation === false) return 0;
  const dynamic = references.filter((reference) => reference.flag === undefined && reference.language === "typescript");
  if (dynamic.length === 0) return 0;
  const tsConfigFilePath = path.resolve(config.root, config.typeInformation.tsconfig ?? "tsconfig.json");
  if (!existsSync(tsConfigFilePath)) {
    throw new ConfigError(
      `typeInformation.tsconfig "${path.relative(config.root, tsConfigFilePath)}" does not exist`,
      "set typeInformation.tsconfig to the tsconfig that covers the scanned files, or turn typeInformation off",
    );
  }
  const project = new Project({ tsConfigFilePath });
  let resolved = 0;
  for (const reference of dynamic) {
    const file = path.join(config.root, reference.file);
    const sourceFile = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    const key = sourceFile && findExpressionAt(sourceFile.getDescendantAtPos(reference.keyRange.start), reference.keyRange.end);
    if (!key) continue;
    const type = key.getType();
    if (type.isStringLiteral()) {
      reference.flag = String(type.getLiteralValue());
      resolved++;
    }
  }
  return resolved;
}

/** The outermost node starting at the key's start and ending at its end: the key expression itself. */
function findExpressionAt(start: Node | undefined, end: number): Node | undefined {
  let match: Node | undefined;
  for (let node = start; node && node.getStart() === start!.getStart(); node = node.getParent()) {
    if (node.getEnd() === end) match = node;
    if (node.getEnd() > end) break;
  }
  return match;
}
