import ts from "../../typescript-api.cjs";
import { collectModuleInfo, type ModuleInfo } from "../../scan/module-graph.js";
import { parseTypeScript } from "../../parse.js";

/** One import of another module, as the deep cleanup's usage graph counts it. */
export interface ModuleEdge {
  specifier: string;
  /** Exported names used through this import; `*` means every export (namespace, side-effect, dynamic). */
  names: string[];
}

/** What one file's text says about its module edges, parsed once per text. */
export interface FileFacts {
  text: string;
  sourceFile: ts.SourceFile;
  info: ModuleInfo;
  /** Occurrences of each identifier text in the file (declarations included): a name-based, conservative count. */
  identifiers: Map<string, number>;
  /** Imports whose bindings are used, side-effect imports, `import()`, `require()`; not re-exports. */
  edges: ModuleEdge[];
  /** String literals anywhere in the file (catalog keys are looked up among them). */
  strings: Set<string>;
  /** Template-literal heads (`t(\`home.${x}\`)` -> `home.`): keys starting with one stay. */
  prefixes: Set<string>;
}

const cache = new Map<string, FileFacts>();

/** Facts of `text` as the file `fileName`; cached by path and text, so unchanged files are parsed once. */
export function factsOf(fileName: string, text: string): FileFacts {
  const key = `${fileName}\0${text.length}`;
  const known = cache.get(key);
  if (known !== undefined && known.text === text) return known;
  const sourceFile = parseTypeScript(fileName, text);
  const facts = collectFacts(sourceFile);
  cache.set(key, facts);
  return facts;
}

function collectFacts(sourceFile: ts.SourceFile): FileFacts {
  const identifiers = new Map<string, number>();
  const strings = new Set<string>();
  const prefixes = new Set<string>();
  const edges: ModuleEdge[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) identifiers.set(node.text, (identifiers.get(node.text) ?? 0) + 1);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.add(node.text);
    else if (ts.isTemplateExpression(node)) {
      if (node.head.text !== "") prefixes.add(node.head.text);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isImport || isRequire) && first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
        edges.push({ specifier: first.text, names: ["*"] });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const used = (name: string): boolean => (identifiers.get(name) ?? 0) > 1;
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause === undefined) {
        edges.push({ specifier, names: ["*"] });
        continue;
      }
      const names: string[] = [];
      if (clause.name !== undefined && used(clause.name.text)) names.push("default");
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings) && used(bindings.name.text)) names.push("*");
      if (bindings !== undefined && ts.isNamedImports(bindings))
        for (const element of bindings.elements) if (used(element.name.text)) names.push((element.propertyName ?? element.name).text);
      // An import none of whose names is used still loads the module.
      edges.push({ specifier, names });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression)) edges.push({ specifier: expression.text, names: ["*"] });
    }
  }
  return { text: sourceFile.text, sourceFile, info: collectModuleInfo(sourceFile), identifiers, edges, strings, prefixes };
}
