import { compileConfigPattern } from "../../config/safe-regex.js";
import path from "node:path";
import ts from "./typescript-api.cjs";
import type { ResolvedRegistrySource } from "../../config/schema.js";
import { toPosix } from "../../scan/discover-files.js";
import { readText } from "../../scan/read-text.js";
import { StaticEvaluator } from "./scan/evaluate.js";
import { ModuleGraph, type ModuleInfo } from "./scan/module-graph.js";
import type { FlagDefinition, RegistryLoadResult } from "../../registry/definition.js";
import { resolveSourceFiles } from "../../registry/files.js";
import type { RegistryLoadContext } from "../../registry/loader.js";

/**
 * Reads flags from a TypeScript or JavaScript module: string values of exported enums, `as const` (or
 * frozen, or plain const) objects, exported string constants, string-literal union types and interface
 * keys. With `keys: true`, the keys of object literals are the slugs (computed keys resolved). With
 * `export`, only that export. The constant names (`FeatureFlags.NEW_CHECKOUT`) are recorded so keys
 * written as constants resolve even where imports cannot be followed.
 */
export async function loadTypeScriptRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  const files = await resolveSourceFiles(source, context);
  const graph = new ModuleGraph(context.root, (file) => readText(file).text);
  const evaluator = new StaticEvaluator(graph, new Map());
  const keyPattern = source.keyPattern === undefined ? undefined : compileConfigPattern(source.keyPattern, `registry[${source.index}].keyPattern`);
  const definitions: FlagDefinition[] = [];
  for (const file of files) {
    const module = graph.getModule(file);
    if (!module) continue;
    const collector = new DefinitionCollector(source, context.root, module, evaluator, keyPattern);
    collector.collect(graph);
    definitions.push(...collector.definitions);
  }
  return { definitions, files };
}

class DefinitionCollector {
  readonly definitions: FlagDefinition[] = [];
  /**
   * Flags defined as objects (`export const featureX = new Feature("x", false)`). A module that defines
   * its flags this way also exports the variants and payload types of those flags (`enum AdVariant`,
   * `type SaleConfig = {...}`): when it has any, only the definition objects are flags.
   */
  private readonly objectDefinitions = new Set<FlagDefinition>();

  /** The export being read while the source names none: recorded on each definition. */
  private declaration: string | undefined;

  constructor(
    private readonly source: ResolvedRegistrySource,
    private readonly root: string,
    private readonly module: ModuleInfo,
    private readonly evaluator: StaticEvaluator,
    private readonly keyPattern: RegExp | undefined,
  ) {}

  collect(graph: ModuleGraph): void {
    const names = this.source.export ? [this.source.export] : [...this.module.exports.keys()];
    for (const name of names) {
      const found = graph.resolveExport(this.module, name);
      if (!found || "namespaceOf" in found) {
        // `export` names the declaration to read: a module-private `const featureFlags = {…}` is what the
        // user pointed at, exported or not.
        const local = this.source.export === name ? this.module.declarations.get(name) : undefined;
        if (local) this.fromDeclaration(local, name, this.module);
        continue;
      }
      const declaration = found.module.declarations.get(found.local);
      if (!declaration) continue;
      if (!this.source.export) this.declaration = name;
      this.fromDeclaration(declaration, name === "default" ? found.local : name, found.module);
      this.declaration = undefined;
    }
    if (names.length === 0) this.fromCommonJs();
    if (this.objectDefinitions.size > 0) this.definitions.splice(0, this.definitions.length, ...this.definitions.filter((d) => this.objectDefinitions.has(d)));
  }

  private fromDeclaration(node: ts.Node, name: string, module: ModuleInfo): void {
    if (ts.isEnumDeclaration(node)) {
      for (const member of node.members) {
        const value = member.initializer && this.evaluator.evaluateString(member.initializer, module);
        if (value !== undefined) this.add(value, member.initializer ?? member, `${name}.${member.name.getText()}`);
      }
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      const initializer = unwrap(node.initializer);
      if (ts.isObjectLiteralExpression(initializer)) this.fromObject(initializer, name, module);
      else {
        const value = this.evaluator.evaluateString(initializer, module);
        if (value !== undefined) this.add(value, initializer, name, ts.isNewExpression(initializer));
      }
    } else if (ts.isTypeAliasDeclaration(node)) {
      this.fromType(node.type, module);
    } else if (ts.isInterfaceDeclaration(node)) {
      for (const member of node.members) {
        if (member.name && !ts.isComputedPropertyName(member.name) && !ts.isPrivateIdentifier(member.name)) {
          this.add(member.name.text, member.name, undefined);
        }
      }
    }
  }

  private fromObject(object: ts.ObjectLiteralExpression, prefix: string, module: ModuleInfo): void {
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const key = ts.isComputedPropertyName(property.name)
        ? this.evaluator.evaluateString(property.name.expression, module)
        : ts.isPrivateIdentifier(property.name)
          ? undefined
          : property.name.text;
      if (key === undefined) continue;
      if (this.source.keys) {
        this.add(key, property.name, undefined);
        continue;
      }
      const value = unwrap(property.initializer);
      if (ts.isObjectLiteralExpression(value)) {
        this.fromObject(value, qualify(prefix, key), module);
        continue;
      }
      const slug = this.evaluator.evaluateString(value, module);
      if (slug !== undefined) this.add(slug, value, qualify(prefix, key), ts.isNewExpression(unwrap(value)));
    }
  }

  private fromType(type: ts.TypeNode, module: ModuleInfo, depth = 0): void {
    if (depth > 8) return;
    if (ts.isUnionTypeNode(type)) for (const member of type.types) this.fromType(member, module, depth + 1);
    else if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) this.add(type.literal.text, type.literal, undefined);
    else if (ts.isParenthesizedTypeNode(type)) this.fromType(type.type, module, depth + 1);
    // `export type FeatureFlag = keyof typeof localFeatureFlags`: the keys of a module-private object.
    else if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.KeyOfKeyword) this.fromKeyOf(type.type, module, depth + 1);
    // `type FeatureFlags = typeof defaultFlags`: the keys of a module-private object, as `keyof typeof` names them.
    else if (ts.isTypeQueryNode(type)) this.fromKeyOf(type, module, depth + 1);
    // `Partial<{ enableX: boolean }>`, `Readonly<Flags>`, `Record<FlagKey, boolean>`: LaunchDarkly's usual
    // typings of its flags object; the keys are those of the wrapped type (of `Record`'s key type).
    else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeArguments?.[0] && KEY_PRESERVING_TYPES.has(type.typeName.text)) {
      this.fromType(type.typeArguments[0], module, depth + 1);
    } else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
      // A named type of this module: `type Flags = Partial<FlagSet>` with `interface FlagSet {...}` or
      // `type FlagKey = "a" | "b"` (as `Record`'s key type) beside it.
      const declaration = module.declarations.get(type.typeName.text);
      if (declaration && ts.isInterfaceDeclaration(declaration)) this.fromDeclaration(declaration, type.typeName.text, module);
      else if (declaration && ts.isTypeAliasDeclaration(declaration)) this.fromType(declaration.type, module, depth + 1);
    }
    // `type Features = { "create-team": boolean }`: an object type's keys, as an interface's.
    else if (ts.isTypeLiteralNode(type)) {
      for (const member of type.members) {
        if (member.name && !ts.isComputedPropertyName(member.name) && !ts.isPrivateIdentifier(member.name)) this.add(member.name.text, member.name, undefined);
      }
    }
  }

  /** The keys `keyof` names: of `typeof` a const object in this module, or of an interface or object type. */
  private fromKeyOf(type: ts.TypeNode, module: ModuleInfo, depth: number): void {
    if (ts.isTypeQueryNode(type) && ts.isIdentifier(type.exprName)) {
      const declaration = module.declarations.get(type.exprName.text);
      const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? unwrap(declaration.initializer) : undefined;
      if (!initializer || !ts.isObjectLiteralExpression(initializer)) return;
      for (const property of initializer.properties) {
        if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
        const key = ts.isComputedPropertyName(property.name)
          ? this.evaluator.evaluateString(property.name.expression, module)
          : ts.isPrivateIdentifier(property.name)
            ? undefined
            : property.name.text;
        if (key !== undefined) this.add(key, property.name, undefined);
      }
    } else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const declaration = module.declarations.get(type.typeName.text);
      if (declaration && ts.isInterfaceDeclaration(declaration)) this.fromDeclaration(declaration, type.typeName.text, module);
      else if (declaration && ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) this.fromType(declaration.type, module, depth + 1);
    }
  }

  /** `module.exports = { X: "ff_x" }` in plain JavaScript registries. */
  private fromCommonJs(): void {
    for (const statement of this.module.sourceFile.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, right } = statement.expression;
      if (left.getText() === "module.exports" && ts.isObjectLiteralExpression(unwrap(right))) {
        this.fromObject(unwrap(right) as ts.ObjectLiteralExpression, "", this.module);
      }
    }
  }

  private add(flag: string, node: ts.Node, constant: string | undefined, isObjectDefinition = false): void {
    if (this.keyPattern && !this.keyPattern.test(flag)) return;
    const sourceFile = node.getSourceFile();
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    const definition: FlagDefinition = {
      flag,
      source: this.source,
      file: toPosix(path.relative(this.root, sourceFile.fileName)),
      line: line + 1,
      column: character + 1,
      metadata: {},
    };
    if (constant !== undefined) definition.constant = constant;
    if (this.declaration !== undefined) definition.declaration = this.declaration;
    this.definitions.push(definition);
    if (isObjectDefinition) this.objectDefinitions.add(definition);
  }
}

/** Utility types whose result has the keys of their first type argument. */
const KEY_PRESERVING_TYPES: ReadonlySet<string> = new Set(["Partial", "Required", "Readonly", "Record", "NonNullable"]);

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else if (ts.isCallExpression(current) && current.expression.getText() === "Object.freeze" && current.arguments[0]) current = current.arguments[0];
    else return current;
  }
}

function qualify(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}
