import ts from "../typescript-api.cjs";
import { assignedProperties } from "./module-assignments.js";
import type { ModuleGraph, ModuleInfo } from "./module-graph.js";
import { definitionObject, isDefinitionObject } from "./definition-object.js";

/** A value known at build time: a string, or an object/enum/namespace whose members can be looked up. */
export type StaticValue = string | StaticObject;

export interface StaticObject {
  get(key: string): StaticValue | undefined;
  keys(): string[];
}

/** Where a name was declared, from the point of view of one identifier. */
type LocalLookup = { kind: "declaration"; node: ts.Node } | { kind: "dynamic" } | { kind: "not-found" };

const MAX_DEPTH = 24;

/**
 * Computes the values of key expressions by syntax alone: literals, templates, `+`, const variables in
 * any enclosing scope, enums, const objects (`as const`, `Object.freeze`, spreads), namespace imports and
 * imports/re-exports across files. Anything that may change at run time (`let`, parameters, calls) is
 * `undefined`: a dynamic key is reported, never guessed.
 */
export class StaticEvaluator {
  constructor(
    readonly graph: ModuleGraph,
    /** Qualified constant -> slug from the registries, for imports the resolver cannot follow (node_modules, unusual aliases). */
    private readonly registryConstants: ReadonlyMap<string, string>,
  ) {}

  evaluateString(expression: ts.Expression, module: ModuleInfo): string | undefined {
    const value = this.evaluate(expression, module, 0);
    if (typeof value === "string") return value;
    // A flag definition object (`new Feature("x", false)`) passed where the key goes stands for its key.
    return isDefinitionObject(value) ? value.definitionKey : undefined;
  }

  /**
   * The key reached by reading `path` off an expression's value: `{ feature: featureX }` with
   * `["feature", "id"]`, for wrappers that take the key inside an object or a flag definition.
   */
  evaluateStringAt(expression: ts.Expression, path: readonly string[], module: ModuleInfo): string | undefined {
    let value = this.evaluate(expression, module, 0);
    for (const [i, segment] of path.entries()) {
      if (value === undefined || typeof value === "string") return undefined;
      const next = value.get(segment);
      // The class of a definition object may be out of reach (a package): its key is still known, and
      // the last property read off it is the key the wrapper passes on.
      if (next === undefined && isDefinitionObject(value) && i === path.length - 1 && value.keys().length === 0) return value.definitionKey;
      value = next;
    }
    if (typeof value === "string") return value;
    return isDefinitionObject(value) ? value.definitionKey : undefined;
  }

  evaluate(expression: ts.Expression, module: ModuleInfo, depth: number): StaticValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const next = depth + 1;
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
    if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAsExpression(expression) ||
      ts.isSatisfiesExpression(expression) ||
      ts.isNonNullExpression(expression) ||
      ts.isTypeAssertionExpression(expression)
    ) {
      return this.evaluate(expression.expression, module, next);
    }
    if (ts.isTemplateExpression(expression)) {
      let text = expression.head.text;
      for (const span of expression.templateSpans) {
        const part = this.evaluate(span.expression, module, next);
        if (typeof part !== "string") return undefined;
        text += part + span.literal.text;
      }
      return text;
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.evaluate(expression.left, module, next);
      const right = this.evaluate(expression.right, module, next);
      return typeof left === "string" && typeof right === "string" ? left + right : undefined;
    }
    if (ts.isIdentifier(expression)) return this.evaluateIdentifier(expression, module, next);
    if (ts.isPropertyAccessExpression(expression)) {
      const object = this.evaluate(expression.expression, module, next);
      if (object !== undefined && typeof object !== "string") return object.get(expression.name.text);
      return this.fromRegistryConstants(expression, module);
    }
    if (ts.isElementAccessExpression(expression)) {
      const object = this.evaluate(expression.expression, module, next);
      const argument = expression.argumentExpression;
      // Numbers are never flags, but they are keys: `FLAGS[0]`.
      const key = ts.isNumericLiteral(argument) ? argument.text : this.evaluate(argument, module, next);
      if (typeof key !== "string") return undefined;
      if (object !== undefined && typeof object !== "string") return object.get(key);
      return undefined;
    }
    if (ts.isObjectLiteralExpression(expression)) return this.objectLiteral(expression, module, next);
    if (ts.isArrayLiteralExpression(expression)) {
      // Elements by index (`FLAGS[0]`, config arrays read in `.map`): only when every position is known.
      if (expression.elements.some((element) => ts.isSpreadElement(element) || ts.isOmittedExpression(element))) return undefined;
      const elements = expression.elements;
      return {
        get: (key) => (/^\d+$/.test(key) && Number(key) < elements.length ? this.evaluate(elements[Number(key)]!, module, next) : undefined),
        keys: () => elements.map((_, i) => String(i)),
      };
    }
    if (ts.isCallExpression(expression) && isObjectFreeze(expression) && expression.arguments[0]) {
      return this.evaluate(expression.arguments[0], module, next);
    }
    if (ts.isNewExpression(expression)) {
      return definitionObject(
        expression,
        (argument) => this.evaluate(argument, module, next),
        (name) => this.classDeclaration(name, module, next),
      );
    }
    return undefined;
  }

  /** The class a `new` expression names, here or through imports. */
  private classDeclaration(name: ts.Expression, module: ModuleInfo, depth: number): ts.ClassLikeDeclaration | undefined {
    if (depth > MAX_DEPTH || !ts.isIdentifier(name)) return undefined;
    const local = this.lookupLocal(name);
    if (local.kind === "declaration") return ts.isClassLike(local.node) ? local.node : undefined;
    if (local.kind === "dynamic") return undefined;
    const binding = module.imports.get(name.text);
    if (!binding) return undefined;
    const target = this.graph.resolveImport(module, binding);
    if (!target || "namespaceOf" in target) return undefined;
    const declaration = target.module.declarations.get(target.local);
    return declaration && ts.isClassLike(declaration) ? declaration : undefined;
  }

  /** The declaration an identifier refers to, looking through enclosing scopes and then the module's imports. */
  lookupLocal(identifier: ts.Identifier): LocalLookup {
    const name = identifier.text;
    let child: ts.Node = identifier;
    for (let scope = identifier.parent; scope; child = scope, scope = scope.parent) {
      if (ts.isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, name))) return { kind: "dynamic" };
      if (ts.isFunctionLike(scope) && isNamedFunctionExpression(scope, name)) return { kind: "dynamic" };
      if (ts.isCatchClause(scope) && scope.variableDeclaration && bindsName(scope.variableDeclaration.name, name)) {
        return { kind: "dynamic" };
      }
      if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer) {
        if (ts.isVariableDeclarationList(scope.initializer) && scope.initializer.declarations.some((d) => bindsName(d.name, name))) {
          return { kind: "dynamic" };
        }
      }
      const statements = ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)
        ? scope.statements
        : undefined;
      if (!statements) continue;
      for (const statement of statements) {
        const found = declarationIn(statement, name);
        if (found) return found;
      }
    }
    return { kind: "not-found" };
  }

  private evaluateIdentifier(identifier: ts.Identifier, module: ModuleInfo, depth: number): StaticValue | undefined {
    const local = this.lookupLocal(identifier);
    if (local.kind === "declaration") return this.valueOfDeclaration(local.node, module, depth);
    if (local.kind === "dynamic") return undefined;
    const binding = module.imports.get(identifier.text);
    if (!binding) return undefined;
    const target = this.graph.resolveImport(module, binding);
    if (!target) return this.registryConstants.get(binding.imported);
    if ("namespaceOf" in target) return this.namespace(target.namespaceOf, depth);
    const declaration = target.module.declarations.get(target.local);
    return declaration ? this.valueOfDeclaration(declaration, target.module, depth) : undefined;
  }

  /** `FeatureFlags.X` where `FeatureFlags` comes from a module the resolver cannot read: ask the registries. */
  private fromRegistryConstants(expression: ts.PropertyAccessExpression, module: ModuleInfo): string | undefined {
    if (!ts.isIdentifier(expression.expression)) return undefined;
    const binding = module.imports.get(expression.expression.text);
    if (!binding || binding.imported === "*" || this.graph.getImportedModule(module.path, binding.specifier)) return undefined;
    return this.registryConstants.get(`${binding.imported}.${expression.name.text}`);
  }

  valueOfDeclaration(node: ts.Node, module: ModuleInfo, depth: number): StaticValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isVariableDeclaration(node)) {
      const list = node.parent;
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      if (!isConst) return undefined;
      if (node.initializer) {
        const owner = this.moduleOf(node, module);
        const value = this.evaluate(node.initializer, owner, depth + 1);
        const assigned = value !== undefined && typeof value !== "string" ? assignedProperties(node) : undefined;
        return assigned ? this.withAssignments(value as StaticObject, assigned, owner, depth + 1) : value;
      }
      // `declare const X: "ff_x"` in declaration files.
      if (node.type && ts.isLiteralTypeNode(node.type) && ts.isStringLiteral(node.type.literal)) return node.type.literal.text;
      return undefined;
    }
    if (ts.isEnumDeclaration(node)) return this.enumObject(node, this.moduleOf(node, module), depth + 1);
    return undefined;
  }

  /** An object constant completed by top-level assignments: `FEATURES.X = "x"` after `const FEATURES = {}`. */
  private withAssignments(object: StaticObject, assigned: ReadonlyMap<string, ts.Expression | null>, module: ModuleInfo, depth: number): StaticObject {
    return {
      get: (key) => {
        if (!assigned.has(key)) return object.get(key);
        const expression = assigned.get(key);
        return expression ? this.evaluate(expression, module, depth + 1) : undefined;
      },
      keys: () => [...new Set([...object.keys(), ...[...assigned].filter(([, e]) => e !== null).map(([key]) => key)])],
    };
  }

  /** Declarations found through imports live in another module than the one we started from. */
  private moduleOf(node: ts.Node, fallback: ModuleInfo): ModuleInfo {
    const file = node.getSourceFile();
    return file === fallback.sourceFile ? fallback : (this.graph.getModule(file.fileName) ?? fallback);
  }

  private enumObject(node: ts.EnumDeclaration, module: ModuleInfo, depth: number): StaticObject {
    const members = new Map(node.members.map((member) => [propertyNameText(member.name) ?? "", member]));
    return {
      get: (key) => {
        const member = members.get(key);
        return member?.initializer ? this.evaluate(member.initializer, module, depth + 1) : undefined;
      },
      keys: () => [...members.keys()],
    };
  }

  private namespace(target: ModuleInfo, depth: number): StaticObject {
    return {
      get: (key) => {
        const found = this.graph.resolveExport(target, key);
        if (!found) return undefined;
        if ("namespaceOf" in found) return this.namespace(found.namespaceOf, depth + 1);
        const declaration = found.module.declarations.get(found.local);
        return declaration ? this.valueOfDeclaration(declaration, found.module, depth + 1) : undefined;
      },
      keys: () => [...target.exports.keys()],
    };
  }

  private objectLiteral(node: ts.ObjectLiteralExpression, module: ModuleInfo, depth: number): StaticObject {
    const keyOf = (property: ts.ObjectLiteralElementLike): string | undefined => {
      if (!property.name) return undefined;
      if (ts.isComputedPropertyName(property.name)) {
        const key = this.evaluate(property.name.expression, module, depth + 1);
        return typeof key === "string" ? key : undefined;
      }
      return propertyNameText(property.name);
    };
    return {
      get: (key) => {
        for (let i = node.properties.length - 1; i >= 0; i--) {
          const property = node.properties[i]!;
          if (ts.isSpreadAssignment(property)) {
            const spread = this.evaluate(property.expression, module, depth + 1);
            const value = spread !== undefined && typeof spread !== "string" ? spread.get(key) : undefined;
            if (value !== undefined) return value;
            continue;
          }
          if (keyOf(property) !== key) continue;
          if (ts.isPropertyAssignment(property)) return this.evaluate(property.initializer, module, depth + 1);
          if (ts.isShorthandPropertyAssignment(property)) return this.evaluate(property.name, module, depth + 1);
          return undefined;
        }
        return undefined;
      },
      keys: () => {
        const keys: string[] = [];
        for (const property of node.properties) {
          if (ts.isSpreadAssignment(property)) {
            const spread = this.evaluate(property.expression, module, depth + 1);
            if (spread !== undefined && typeof spread !== "string") keys.push(...spread.keys());
          } else {
            const key = keyOf(property);
            if (key !== undefined) keys.push(key);
          }
        }
        return [...new Set(keys)];
      },
    };
  }
}

function isObjectFreeze(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Object" && callee.name.text === "freeze";
}

function isNamedFunctionExpression(node: ts.SignatureDeclaration, name: string): boolean {
  return ts.isFunctionExpression(node) && node.name?.text === name;
}

/** The text of a property name that is known without evaluation. */
export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

function declarationIn(statement: ts.Statement, name: string): LocalLookup | undefined {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) {
        if (declaration.name.text === name) return { kind: "declaration", node: declaration };
      } else if (bindsName(declaration.name, name)) {
        return { kind: "dynamic" };
      }
    }
    return undefined;
  }
  if (
    (ts.isEnumDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
    statement.name?.text === name
  ) {
    return { kind: "declaration", node: statement };
  }
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const imported =
      clause?.name?.text === name ||
      (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) ||
      (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name));
    // Imports are answered from the module's import table by the caller.
    if (imported) return { kind: "not-found" };
  }
  return undefined;
}
