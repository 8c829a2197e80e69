import ts from "../typescript-api.cjs";
import { templateExpressionsOf } from "../vue-template.js";

/**
 * The names a Vue template sees besides `<script setup>`'s top level: what the component's `setup()`
 * returns (`export default defineComponent({ setup() { const flags = useFlags(); return { flags } } })`).
 * `of` answers only for identifiers inside the template's expressions, so a script name is never taken
 * for one the template sees.
 */
export class TemplateScope {
  private returned: Map<string, ts.Identifier> | undefined;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    /** The declaration of a name in the scopes around it (flags-object.ts's, passed in to keep imports one way). */
    private readonly declaredIdentifier: (identifier: ts.Identifier) => ts.Identifier | undefined,
  ) {}

  /** Names `setup()` returns `declared` under when they differ from its own (`return { store: flags }`). */
  aliasesOf(declared: ts.Identifier): string[] {
    if (!templateExpressionsOf.has(this.sourceFile)) return [];
    this.returned ??= setupReturns(this.sourceFile, this.declaredIdentifier);
    return [...this.returned].filter(([name, identifier]) => identifier === declared && name !== declared.text).map(([name]) => name);
  }

  /** The declaring identifier of a setup-returned name a template expression reads, if it is one. */
  of(identifier: ts.Identifier): ts.Identifier | undefined {
    const template = templateExpressionsOf.get(this.sourceFile);
    if (!template) return undefined;
    const at = identifier.getStart(this.sourceFile);
    if (!template.some((e) => at >= e.start && at < e.end)) return undefined;
    this.returned ??= setupReturns(this.sourceFile, this.declaredIdentifier);
    return this.returned.get(identifier.text);
  }
}

/** `return { flags, other: local }` at the top of the default export's `setup()`: each name -> its declaration. */
function setupReturns(sourceFile: ts.SourceFile, declaredIdentifier: (identifier: ts.Identifier) => ts.Identifier | undefined): Map<string, ts.Identifier> {
  const names = new Map<string, ts.Identifier>();
  const setup = setupFunction(sourceFile);
  const body = setup?.body;
  if (!body || !ts.isBlock(body)) return names;
  for (const statement of body.statements) {
    if (!ts.isReturnStatement(statement) || !statement.expression) continue;
    let returned = statement.expression;
    while (ts.isParenthesizedExpression(returned) || ts.isAsExpression(returned) || ts.isSatisfiesExpression(returned)) returned = returned.expression;
    if (!ts.isObjectLiteralExpression(returned)) continue;
    for (const property of returned.properties) {
      const value = ts.isShorthandPropertyAssignment(property) ? property.name : ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer) ? property.initializer : undefined;
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
      const declared = value && declaredIdentifier(value);
      if (name !== undefined && declared) names.set(name, declared);
    }
  }
  return names;
}

/** `setup()` of `export default { … }` or `export default defineComponent({ … })`. */
function setupFunction(sourceFile: ts.SourceFile): ts.FunctionLikeDeclaration | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    let options: ts.Expression = statement.expression;
    if (ts.isCallExpression(options) && options.arguments.length > 0) options = options.arguments[0]!;
    if (!ts.isObjectLiteralExpression(options)) return undefined;
    for (const property of options.properties) {
      if (property.name === undefined || !ts.isIdentifier(property.name) || property.name.text !== "setup") continue;
      if (ts.isMethodDeclaration(property)) return property;
      if (ts.isPropertyAssignment(property) && (ts.isFunctionExpression(property.initializer) || ts.isArrowFunction(property.initializer))) return property.initializer;
    }
  }
  return undefined;
}
