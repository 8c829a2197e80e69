/**
 * The parse floor of a cold scan (issue 16, deliver 4): a fresh Node process that loads TypeScript the way
 * flag-scan does (src/languages/typescript/typescript-api.cts, with its code cache) and parses every file
 * of a list with `ts.createSourceFile`, setting parent pointers as the scanner does. Nothing else: no
 * config, discovery, prefilter, reference finding or report. What a scan costs above this is overhead.
 *
 * Usage: `node dist/bench/parse-floor.js LIST` (LIST: one path per line, relative to the working directory).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ts = require("../src/languages/typescript/typescript-api.cjs") as typeof import("typescript");
const files = readFileSync(process.argv[2] ?? "", "utf8").split("\n").filter(Boolean);
let nodes = 0;
for (const file of files) {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : file.endsWith(".js") || file.endsWith(".mjs") || file.endsWith(".cjs") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
  nodes += sourceFile.statements.length;
}
process.stdout.write(`${files.length} files, ${nodes} top-level statements\n`);
