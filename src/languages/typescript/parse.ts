import ts from "./typescript-api.cjs";
import { isComponentFile, scriptBlocks } from "./sfc.js";
import { parseComponent } from "./parse-component.js";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JSX,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

const COMPONENT_SCRIPT_KINDS = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX } as const;

/**
 * The grammar a file is parsed with, by the scanner and the cleanup alike. `.js` parses as JSX because
 * React code often keeps JSX in .js files; `.mjs`/`.cjs` are plain JavaScript.
 */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  const extension = /\.[cm]?[jt]sx?$/.exec(lower)?.[0] ?? ".ts";
  return lower.endsWith(".d.ts") ? ts.ScriptKind.TS : (SCRIPT_KINDS[extension] ?? ts.ScriptKind.TS);
}

/** How many files this thread parsed, and their characters: the bench compares them with the candidates. */
export const parseCounts = { files: 0, chars: 0 };

/**
 * Parses one file with the TypeScript parser alone (no program, no type checker), with parent pointers:
 * the one parse of the scanner, the cleanup and the ESLint plugin (which may hand in the tree its parser built).
 * JSDoc is never read, and skipping it makes the parse of comment-heavy code cheaper.
 */
export function parseTypeScript(fileName: string, text: string): ts.SourceFile {
  parseCounts.files++;
  parseCounts.chars += text.length;
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  if (isComponentFile(fileName)) {
    // A .vue/.svelte file parses as its script blocks, at their own offsets (sfc.ts), and a Vue template's expressions.
    const blocks = scriptBlocks(text);
    return parseComponent(fileName, text, blocks, options, COMPONENT_SCRIPT_KINDS[blocks.lang]);
  }
  return ts.createSourceFile(fileName, text, options, true, scriptKindOf(fileName));
}

/** The first syntax error the parser recorded, if any. */
export function getFirstSyntaxError(sourceFile: ts.SourceFile): { line: number; column: number; message: string } | undefined {
  // parseDiagnostics is internal but stable for a decade; it is the only way to get syntax errors without a program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, " ") };
}

/**
 * Whether a syntax tree was built by the TypeScript this scanner runs on, so its node kinds are the ones the
 * scanner compares against (another TypeScript version numbers them differently).
 */
export function isOwnSourceFile(node: unknown): node is ts.SourceFile {
  // objectAllocator is internal; every TypeScript since 2.0 has it, and without it the caller just parses again.
  const allocator = (ts as unknown as { objectAllocator?: { getSourceFileConstructor(): unknown } }).objectAllocator;
  return typeof node === "object" && node !== null && allocator !== undefined && node.constructor === allocator.getSourceFileConstructor();
}
