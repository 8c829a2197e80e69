import ts from "../typescript-api.cjs";
import { templateExpressionsOf } from "../vue-template.js";

/**
 * The names a Vue template sees besides `<script setup>`'s top level: what the component's `setup()` and
 * options-API `data()` return (`export default defineComponent({ setup() { const flags = useFlags(); return {
 * flags } } })`, `data() { return { store: useStore() } }`). `valueOf` answers only for identifiers inside the
 * template's expressions, so a script name is never taken for one the template sees.
 */
export class TemplateScope {
  private returned: Map<string, ts.Expression> | undefined;

  constructor(private readonly sourceFile: ts.SourceFile) {}

  /** Every name the template sees this way (none when the file has no template). */
  names(): string[] {
    if (!templateExpressionsOf.has(this.sourceFile)) return [];
    this.returned ??= componentReturns(this.sourceFile);
    return [...this.returned.keys()];
  }

  /** The expression a template identifier stands for, when it is a name `setup()` or `data()` returns. */
  valueOf(identifier: ts.Identifier): ts.Expression | undefined {
    const template = templateExpressionsOf.get(this.sourceFile);
    if (!template) return undefined;
    const at = identifier.getStart(this.sourceFile);
    if (!template.some((e) => at >= e.start && at < e.end)) return undefined;
    this.returned ??= componentReturns(this.sourceFile);
    return this.returned.get(identifier.text);
  }
}

/** `return { flags, other: expr }` at the top of the default export's `setup()` and `data()`: each name -> its value. */
function componentReturns(sourceFile: ts.SourceFile): Map<string, ts.Expression> {
  const names = new Map<string, ts.Expression>();
  for (const fn of componentFunctions(sourceFile)) {
    const body = fn.body;
    if (!body) continue;
    const returned = ts.isBlock(body) ? body.statements.flatMap((s) => (ts.isReturnStatement(s) && s.expression ? [s.expression] : [])) : [body as ts.Expression];
    for (let value of returned) {
      while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
      if (!ts.isObjectLiteralExpression(value)) continue;
      for (const property of value.properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
        const expression = ts.isShorthandPropertyAssignment(property) ? property.name : ts.isPropertyAssignment(property) ? property.initializer : undefined;
        if (name !== undefined && expression && !names.has(name)) names.set(name, expression);
      }
    }
  }
  return names;
}

/** `setup()` and `data()` of `export default { … }` or `export default defineComponent({ … })`. */
function componentFunctions(sourceFile: ts.SourceFile): ts.FunctionLikeDeclaration[] {
  const found: ts.FunctionLikeDeclaration[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    let options: ts.Expression = statement.expression;
    if (ts.isCallExpression(options) && options.arguments.length > 0) options = options.arguments[0]!;
    if (!ts.isObjectLiteralExpression(options)) continue;
    for (const property of options.properties) {
      if (property.name === undefined || !ts.isIdentifier(property.name) || (property.name.text !== "setup" && property.name.text !== "data")) continue;
      if (ts.isMethodDeclaration(property)) found.push(property);
      else if (ts.isPropertyAssignment(property) && (ts.isFunctionExpression(property.initializer) || ts.isArrowFunction(property.initializer))) found.push(property.initializer);
    }
  }
  return found;
}
