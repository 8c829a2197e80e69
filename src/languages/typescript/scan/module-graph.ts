import path from "node:path";
import ts from "../typescript-api.cjs";
import { ModuleResolver } from "./module-resolver.js";
import { parseTypeScript } from "../parse.js";

/** How a module-level name came in: `import { imported as local } from specifier`. */
export interface ImportBinding {
  specifier: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  imported: string;
}

/** How a module exports a name. */
export type ExportBinding =
  | { kind: "local"; local: string }
  | { kind: "reexport"; specifier: string; imported: string };

/** The top-level facts of one file that key resolution needs; built once per file and cached. */
export interface ModuleInfo {
  path: string;
  sourceFile: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  exports: Map<string, ExportBinding>;
  /** `export * from "x"` specifiers. */
  starExports: string[];
  /** Top-level declarations by name: variable declarations, enums, functions, classes. */
  declarations: Map<string, ts.Node>;
}

/**
 * Parses files on demand and answers "which declaration does this name refer to", across files, by
 * syntax alone: imports, re-exports (named, renamed, star), namespace imports and tsconfig paths.
 */
export class ModuleGraph {
  readonly resolver: ModuleResolver;
  private readonly modules = new Map<string, ModuleInfo | undefined>();
  /**
   * While set, every module whose text an answer depended on (absolute path -> text, undefined when
   * unreadable), cached or not: the per-file fact cache reuses a file's result only while these hold.
   */
  uses: Map<string, string | undefined> | undefined;
  private readonly textTests = new Map<string, { names: string; text: string | undefined; result: boolean }>();

  constructor(
    root: string,
    private readonly readFile: (path: string) => string | undefined,
  ) {
    this.resolver = new ModuleResolver(root);
  }

  /** Registers a file already parsed by the scanner so it is not parsed twice. */
  addSourceFile(sourceFile: ts.SourceFile): ModuleInfo {
    const info = collectModuleInfo(sourceFile);
    this.modules.set(path.resolve(sourceFile.fileName), info);
    return info;
  }

  /** The tree already held for `file` (scanned or imported before), if it was built from `text`. */
  retainedTree(file: string, text: string): ts.SourceFile | undefined {
    const sourceFile = this.modules.get(path.resolve(file))?.sourceFile;
    return sourceFile?.text === text ? sourceFile : undefined;
  }

  getModule(file: string): ModuleInfo | undefined {
    const absolute = path.resolve(file);
    if (this.modules.has(absolute)) {
      const known = this.modules.get(absolute);
      this.uses?.set(absolute, known?.sourceFile.text);
      return known;
    }
    const text = this.readFile(absolute);
    this.uses?.set(absolute, text);
    const info = text === undefined ? undefined : collectModuleInfo(parseTypeScript(absolute, text));
    this.modules.set(absolute, info);
    return info;
  }

  /** The module a specifier in `fromFile` points to, when it is a project file. */
  getImportedModule(fromFile: string, specifier: string): ModuleInfo | undefined {
    const target = this.resolver.resolve(fromFile, specifier);
    return target === undefined ? undefined : this.getModule(target);
  }

  /**
   * Follows an export through re-exports to the module and local name that declare it.
   * `visited` breaks cycles of `export *`.
   */
  resolveExport(
    module: ModuleInfo,
    name: string,
    visited = new Set<string>(),
  ): { module: ModuleInfo; local: string } | { module: ModuleInfo; namespaceOf: ModuleInfo } | undefined {
    const key = `${module.path}#${name}`;
    if (visited.has(key)) return undefined;
    visited.add(key);
    const binding = module.exports.get(name);
    if (binding?.kind === "local") {
      const imported = module.imports.get(binding.local);
      if (imported && !module.declarations.has(binding.local)) return this.resolveImport(module, imported, visited);
      return { module, local: binding.local };
    }
    if (binding?.kind === "reexport") {
      const target = this.getImportedModule(module.path, binding.specifier);
      if (!target) return undefined;
      if (binding.imported === "*") return { module, namespaceOf: target };
      return this.resolveExport(target, binding.imported, visited);
    }
    if (name === "default") return undefined;
    for (const specifier of module.starExports) {
      const target = this.getImportedModule(module.path, specifier);
      const found = target && this.resolveExport(target, name, visited);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Follows a default import of `module` to its declaration, but only when that declaration can be one
   * of `names`: a file is parsed for this only if its text mentions one of them or forwards its default
   * export (`export default x;`, `as default`, `{ default }`). Every other default import of a scanned
   * file (components, stores: most of them) would otherwise cost a parse of the imported file and
   * cannot end at one of `names` (the declaring file always contains the declared name).
   */
  resolveDefaultImportOf(module: ModuleInfo, binding: ImportBinding, names: readonly string[]): string | undefined {
    const target = this.resolver.resolve(module.path, binding.specifier);
    if (target === undefined) return undefined;
    const absolute = path.resolve(target);
    if (!this.modules.has(absolute) && !this.mayDeclareOrForward(absolute, names)) return undefined;
    const found = this.resolveImport(module, binding);
    return found && "local" in found ? found.local : undefined;
  }

  /**
   * The text test of `resolveDefaultImportOf`, remembered per file and set of names: a store or component
   * is default-imported by dozens of the scanned files, and each would otherwise read it and run the
   * regular expressions again.
   */
  private mayDeclareOrForward(file: string, names: readonly string[]): boolean {
    const key = names.join("\0");
    let known = this.textTests.get(file);
    if (known?.names !== key) {
      const text = this.readFile(file);
      known = { names: key, text, result: text !== undefined && (declaresOneOf(text, names) || mayForwardDefault(text)) };
      this.textTests.set(file, known);
    }
    // The answer depends on that file's text, remembered or not: the fact cache must know it.
    this.uses?.set(file, known.text);
    return known.result;
  }

  /** Follows an import binding of `module` to its declaration. */
  resolveImport(
    module: ModuleInfo,
    binding: ImportBinding,
    visited = new Set<string>(),
  ): { module: ModuleInfo; local: string } | { module: ModuleInfo; namespaceOf: ModuleInfo } | undefined {
    const target = this.getImportedModule(module.path, binding.specifier);
    if (!target) return undefined;
    if (binding.imported === "*") return { module, namespaceOf: target };
    return this.resolveExport(target, binding.imported, visited);
  }
}

/** `$` and other regular-expression characters in a name, escaped. */
const escapeName = (name: string) => name.replace(/[$]/g, "\\$");

/**
 * Whether `text` may declare one of `names` at its top level. A superset test by text: every top-level
 * declaration `collectModuleInfo` records starts with one of these keywords before its name.
 */
function declaresOneOf(text: string, names: readonly string[]): boolean {
  return names.some(
    (name) =>
      text.includes(name) &&
      new RegExp(`\\b(?:function\\s*\\*?|const|let|var|class|enum|namespace|module)\\s*${escapeName(name)}(?![\\w$])`).test(text),
  );
}

/** `export default name` (an identifier, as `collectModuleInfo` reads it) and the name. */
const EXPORT_DEFAULT_NAME = /\bexport\s+default\s+([A-Za-z_$][\w$]*)\s*(?:[;\r\n]|\/[/*]|$)/g;

/**
 * Whether `text` may hand its default export on to another module: `export { x as default }`,
 * `export { default } from`, or `export default x` where `x` is imported. A superset test by text: an
 * import of `x` is an `import` keyword followed by `x` with no `;` between them outside comments.
 */
function mayForwardDefault(text: string): boolean {
  if (/\bas\s+default(?![\w$])|[{,]\s*default\s*[,}]/.test(text)) return true;
  let code: string | undefined;
  for (const match of text.matchAll(EXPORT_DEFAULT_NAME)) {
    // Comments go first, in one linear pass: matching them inside the import pattern backtracked
    // exponentially on long files (requestly's app/src hung the scan for minutes).
    code ??= text.replace(COMMENTS, " ");
    const imported = new RegExp(`\\bimport\\b[^;]*?(?<![\\w$])${escapeName(match[1] as string)}(?![\\w$])`);
    if (imported.test(code)) return true;
  }
  return false;
}

const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** Reads the import/export/declaration facts of a file's top level. */
export function collectModuleInfo(sourceFile: ts.SourceFile): ModuleInfo {
  const info: ModuleInfo = {
    path: path.resolve(sourceFile.fileName),
    sourceFile,
    imports: new Map(),
    exports: new Map(),
    starExports: [],
    declarations: new Map(),
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) info.imports.set(clause.name.text, { specifier, imported: "default" });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) info.imports.set(bindings.name.text, { specifier, imported: "*" });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          info.imports.set(element.name.text, { specifier, imported: (element.propertyName ?? element.name).text });
        }
      }
      continue;
    }
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression)) info.imports.set(statement.name.text, { specifier: expression.text, imported: "*" });
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier) info.starExports.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier) info.exports.set(clause.name.text, { kind: "reexport", specifier, imported: "*" });
      } else {
        for (const element of clause.elements) {
          const exported = element.name.text;
          const local = (element.propertyName ?? element.name).text;
          info.exports.set(
            exported,
            specifier ? { kind: "reexport", specifier, imported: local } : { kind: "local", local },
          );
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression)) {
      info.exports.set("default", { kind: "local", local: statement.expression.text });
      continue;
    }
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        info.declarations.set(declaration.name.text, declaration);
        if (exported) info.exports.set(declaration.name.text, { kind: "local", local: declaration.name.text });
      }
    } else if (
      ts.isEnumDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isModuleDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement)
    ) {
      const name = statement.name && ts.isIdentifier(statement.name) ? statement.name.text : undefined;
      if (name) {
        // An enum and a namespace may merge; the enum is what carries values.
        if (!info.declarations.has(name) || ts.isEnumDeclaration(statement)) info.declarations.set(name, statement);
        if (exported) info.exports.set(isDefault ? "default" : name, { kind: "local", local: name });
      }
    }
  }
  return info;
}
