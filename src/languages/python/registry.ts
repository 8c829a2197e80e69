import { readSourceFile } from "../../registry/files.js";
import { compileConfigPattern } from "../../config/safe-regex.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ResolvedRegistrySource } from "../../config/schema.js";
import { ConfigError, RegistryError, formatLocation } from "../../errors.js";
import { findSyntaxError, loadPythonParser, withPythonTree, type Node } from "./parser.js";
import { LineIndex } from "../../scan/line-index.js";
import { registerSecret } from "../../redact.js";
import { named, simpleAssignment, stringValue } from "./syntax.js";
import type { FlagDefinition, RegistryLoadResult } from "../../registry/definition.js";
import { relativeToRoot, resolveSourceFiles } from "../../registry/files.js";
import type { RegistryLoadContext } from "../../registry/loader.js";


/**
 * Reads a Python constants module: every module-level `NAME = "slug"` (also `NAME: str = "slug"`) and the
 * string attributes of module-level classes (`class Flags: NEW = "ff_new"`, enums included).
 * With `export`, only that name (a constant or a class). `constant` is `NAME` or `Class.NAME`.
 */
export async function loadPythonRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  await loadPythonParser();
  const files = await resolveSourceFiles(source, context);
  const pattern = source.keyPattern === undefined ? undefined : compileConfigPattern(source.keyPattern, `registry[${source.index}].keyPattern`);
  const constantPattern = source.constantPattern === undefined ? undefined : compileConfigPattern(source.constantPattern, `registry[${source.index}].constantPattern`);
  const definitions: FlagDefinition[] = [];
  for (const file of files) {
    const text = await readSourceFile(file, relativeToRoot(context.root, file));
    const relative = relativeToRoot(context.root, file);
    const lines = new LineIndex(text);
    const constants = withPythonTree(text, (tree) => {
      const error = findSyntaxError(tree);
      if (error !== undefined) {
        const { line, column } = lines.position(error.offset);
        throw new RegistryError(`${formatLocation(relative, line, column)}: ${error.message}`, `fix the Python registry module (registry[${source.index}])`);
      }
      return moduleConstants(tree.rootNode);
    });
    for (const constant of constants) {
      // A registry pointed at a settings module must not publish its secrets as flag names: a constant named
      // like a credential is never a flag, and its value is withheld from every output.
      if (SECRET_NAME.test(constant.name)) {
        registerSecret(constant.value);
        continue;
      }
      if (source.export !== undefined && constant.name !== source.export && !constant.name.startsWith(`${source.export}.`)) continue;
      if (pattern !== undefined && !pattern.test(constant.value)) continue;
      if (constantPattern !== undefined && !constantPattern.test(constant.name)) continue;
      definitions.push({
        flag: constant.value,
        source,
        file: relative,
        ...lines.position(constant.valueOffset),
        constant: constant.name,
        metadata: constant.comment === undefined ? {} : { description: constant.comment },
      });
    }
  }
  return { definitions, files };
}

/** Names of constants that hold credentials (`SECRET_KEY`, `DATABASE_PASSWORD`, `STRIPE_API_KEY`, `AUTH_TOKEN`). */
const SECRET_NAME = /(SECRET|PASSW(OR)?D|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|(^|_)DSN$|(^|_)AUTH$)/i;

/** A string constant of a module, as the registry and the cleanup see it. */
export interface PythonConstant {
  /** `NAME` or `Class.NAME`. */
  name: string;
  value: string;
  /** UTF-16 offset of the name. */
  offset: number;
  /** UTF-16 offset of the string value: where definitions point, as the TypeScript registry's do. */
  valueOffset: number;
  /** The statement, for the cleanup to delete. */
  statementStart: number;
  statementEnd: number;
  /** A trailing `# comment` on the same line, used as description. */
  comment?: string;
}

export function moduleConstants(root: Node): PythonConstant[] {
  const constants: PythonConstant[] = [];
  const visit = (statements: Node[], prefix: string): void => {
    for (const statement of statements) {
      if (statement.type === "class_definition" && prefix === "") {
        const name = statement.childForFieldName("name");
        const body = statement.childForFieldName("body");
        if (name !== null && body !== null) visit(named(body), `${name.text}.`);
        continue;
      }
      const assignment = simpleAssignment(statement);
      if (assignment === undefined || assignment.target.type !== "identifier") continue;
      // Django's `TextChoices` members are `NAME = "value", "label"`: the value is the first string.
      const choice = prefix !== "" && (assignment.value.type === "expression_list" || assignment.value.type === "tuple") ? named(assignment.value)[0] : undefined;
      const valueNode = choice ?? assignment.value;
      const value = stringValue(valueNode);
      if (value === undefined) continue;
      const next = statement.nextSibling;
      const comment =
        next?.type === "comment" && next.startPosition.row === statement.endPosition.row ? next.text.replace(/^#\s*/, "") : undefined;
      constants.push({
        name: `${prefix}${assignment.target.text}`,
        value,
        offset: assignment.target.startIndex,
        valueOffset: valueNode.startIndex,
        statementStart: statement.startIndex,
        statementEnd: statement.endIndex,
        ...(comment === undefined ? {} : { comment }),
      });
    }
  };
  visit(named(root), "");
  return constants;
}
