import { createRequire } from "node:module";
import path from "node:path";
import bundled from "../typescript-api.cjs";
import type { CleanupProblem } from "../../language.js";

type Ts = typeof bundled;

/** The project's own TypeScript when it has one (its version decides what is an error), else flag-scan's. */
function projectTypeScript(root: string): { ts: Ts; version: string } {
  try {
    const ts = createRequire(path.join(root, "package.json"))("typescript") as Ts;
    return { ts, version: ts.version };
  } catch {
    return { ts: bundled, version: `${bundled.version} (flag-scan's; the project has none)` };
  }
}

/**
 * Type-checks the project with its tsconfig before and after the cleanup, the after state in memory
 * (`changed`: absolute path -> new text, undefined when deleted), and returns the errors the cleanup
 * adds: one problem each. Errors are matched by file and message, not position, since lines move.
 */
export function verifyTypes(root: string, changed: ReadonlyMap<string, string | undefined>): { problems: CleanupProblem[]; note: string } {
  const { ts, version } = projectTypeScript(root);
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
  if (configPath === undefined) return { problems: [], note: "--verify: no tsconfig.json found, nothing type-checked" };
  let configError: string | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => void (configError = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")),
  });
  if (parsed === undefined) return { problems: [], note: `--verify: ${path.relative(root, configPath)} could not be read (${configError ?? "unknown error"}), nothing type-checked` };
  const options = { ...parsed.options, noEmit: true };
  const rootNames = parsed.fileNames;
  const before = ts.createProgram({ rootNames, options, projectReferences: parsed.projectReferences });
  const normalized = new Map([...changed].map(([file, text]) => [path.resolve(file), text] as const));
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists, getSourceFile } = host;
  host.readFile = (file) => (normalized.has(path.resolve(file)) ? normalized.get(path.resolve(file)) : readFile.call(host, file));
  host.fileExists = (file) => (normalized.has(path.resolve(file)) ? normalized.get(path.resolve(file)) !== undefined : fileExists.call(host, file));
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = normalized.get(path.resolve(file));
    if (text !== undefined) return ts.createSourceFile(file, text, language);
    if (normalized.has(path.resolve(file))) return undefined;
    return getSourceFile.call(host, file, language, onError, shouldCreate);
  };
  const after = ts.createProgram({ rootNames: rootNames.filter((file) => normalized.get(path.resolve(file)) !== undefined || !normalized.has(path.resolve(file))), options, host, oldProgram: before, projectReferences: parsed.projectReferences });
  const key = (d: import("typescript").Diagnostic) => `${d.file ? path.relative(root, d.file.fileName) : ""}\u0000${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  const counts = new Map<string, number>();
  for (const diagnostic of ts.getPreEmitDiagnostics(before)) counts.set(key(diagnostic), (counts.get(key(diagnostic)) ?? 0) + 1);
  const problems: CleanupProblem[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(after)) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
    const k = key(diagnostic);
    const left = counts.get(k) ?? 0;
    if (left > 0) {
      counts.set(k, left - 1);
      continue;
    }
    const file = diagnostic.file ? path.relative(root, diagnostic.file.fileName).split(path.sep).join("/") : path.relative(root, configPath);
    const position = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
    problems.push({ file, line: position.line + 1, column: position.character + 1, message: `type error the cleanup would add (TS${diagnostic.code}, position in the rewritten text): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}` });
  }
  return { problems, note: `--verify: type-checked ${rootNames.length} files with ${path.relative(root, configPath) || "tsconfig.json"} and TypeScript ${version}` };
}
