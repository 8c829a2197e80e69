/**
 * Runs ESLint in a fresh process for the ESLint benchmark and prints one JSON line with its timings.
 * A separate process per measurement, because the plugin caches its config per process: the
 * "first file" number must include that load, as an editor's first lint does.
 *
 * Usage: `node dist/bench/eslint-worker.js '{"cwd": "...", "plugin": "/abs/dist/src/eslint/index.js" | null,
 *   "rules": {"no-debugger": "error"}, "patterns": ["."], "firstFiles": ["a.tsx", "b.tsx"]}'`
 * With `firstFiles`, lints those files one by one on one ESLint instance (first-file cost, then a warm file);
 * otherwise lints `patterns` in one call.
 */
import { pathToFileURL } from "node:url";

interface WorkerRequest {
  cwd: string;
  plugin: string | null;
  /** Core rules to turn on besides the plugin's. */
  rules?: Record<string, string>;
  patterns?: string[];
  firstFiles?: string[];
  /** After `firstFiles`, lint the first of them again with one line added (as `lintText`, as editors do). */
  editFirst?: boolean;
}

export interface WorkerResult {
  /** Milliseconds from the worker's start (after Node itself) to the end of linting. */
  totalMs: number;
  /** Import of eslint and the parser. */
  importMs: number;
  /** Per `firstFiles` entry: plugin import (first only) + config + lint of that file. */
  fileMs: number[];
  /** With `editFirst`: the lint of the edited text. */
  editMs?: number;
  files: number;
  fatal: number;
  messagesByRule: Record<string, number>;
}

const started = performance.now();
const request = JSON.parse(process.argv[2] ?? "{}") as WorkerRequest;
const { ESLint } = await import("eslint");
const parser = (await import("@typescript-eslint/parser")).default;
const imported = performance.now();

const files = ["**/*.ts", "**/*.tsx"];
const fileMs: number[] = [];
let editMs: number | undefined;
const makeEslint = async () => {
  const config: unknown[] = [{ files }];
  if (request.plugin) {
    const flagScan = (await import(pathToFileURL(request.plugin).href)).default as { configs: { recommended: unknown } };
    config.push(flagScan.configs.recommended);
  } else {
    config.push({ files, languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } } });
  }
  if (request.rules) config.push({ files, rules: request.rules });
  return new ESLint({ cwd: request.cwd, overrideConfigFile: true, overrideConfig: config as never, cache: false });
};

let results: Awaited<ReturnType<InstanceType<typeof ESLint>["lintFiles"]>> = [];
if (request.firstFiles) {
  let eslint: InstanceType<typeof ESLint> | undefined;
  for (const file of request.firstFiles) {
    const t0 = performance.now();
    eslint ??= await makeEslint();
    results.push(...(await eslint.lintFiles([file])));
    fileMs.push(performance.now() - t0);
  }
  const first = request.firstFiles[0];
  if (request.editFirst && eslint && first) {
    const { readFileSync } = await import("node:fs");
    const { resolve } = await import("node:path");
    const filePath = resolve(request.cwd, first);
    const text = `${readFileSync(filePath, "utf8")}\nexport const editedInTheEditor = 1;\n`;
    const t0 = performance.now();
    results.push(...(await eslint.lintText(text, { filePath })));
    editMs = performance.now() - t0;
  }
} else {
  const eslint = await makeEslint();
  results = await eslint.lintFiles(request.patterns ?? ["."]);
}

const messagesByRule: Record<string, number> = {};
let fatal = 0;
for (const result of results) {
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    const rule = message.ruleId ?? "(parse error)";
    messagesByRule[rule] = (messagesByRule[rule] ?? 0) + 1;
  }
}
const output: WorkerResult = {
  totalMs: performance.now() - started,
  importMs: imported - started,
  fileMs,
  editMs,
  files: results.length,
  fatal,
  messagesByRule,
};
process.stdout.write(JSON.stringify(output) + "\n");
