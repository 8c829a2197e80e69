#!/usr/bin/env node
// CommonJS (bin/package.json): an ES-module entry starts Node's ES module loader first, about 10 ms of
// CPU that a cached scan, a few hundred ms in all, otherwise pays on every run.
"use strict";

// V8 optimizes a function once it has run through its interrupt budget of bytecode (67,584 by default):
// in a scan, most of TypeScript's parser turns hot within the first files and its optimized compile on V8's
// background threads cost 0.5 to 0.8 s of CPU on the real corpus (6,048 files), as much as the parse. Six
// times the budget optimizes only what stays hot: 2.67 -> 2.11 s of CPU there, the same wall time or less,
// and 0.9 s less (7.78 -> 6.86 s) on four times that tree. Process-wide, so the scan workers have it too;
// a budget given to node itself (`node --interrupt-budget=N bin/flag-scan.js`; NODE_OPTIONS refuses it) wins.
if (!process.execArgv.some((option) => option.startsWith("--interrupt-budget"))) {
  require("node:v8").setFlagsFromString("--interrupt-budget=400000");
}

const argv = process.argv.slice(2);
// A crash outside `run` (a stray rejection in a callback) still exits 2, never 1 ("findings").
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    process.stderr.write(`InternalError: flag-scan crashed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
  });
}

// A reader that stops early (`flag-scan --format json | head`) closes the pipe: the rest of the report is
// dropped, the run goes on, and its exit code stays the scan's. Unhandled, the write error was reported
// as a crash of flag-scan (exit 2).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

/** A crash while loading flag-scan itself (a broken install): `run` reports every other error itself. */
function crashedWhileStarting(error) {
  process.stderr.write(`flag-scan crashed while starting: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}

let cli;
let bundle;
try {
  // The CLI bundled into one file by `npm run build` (scripts/bundle-cli.mjs): Node 20 has no compile
  // cache for ES modules, and loading the ~85 modules of a scan one by one was most of a cached scan. The
  // bundle is compiled through a V8 code cache (25 ms of a 0.19 s cached scan otherwise); code compiled so
  // has no `import()` of its own on Node 20, so the bundle imports packages through this file's.
  const { loadThroughCodeCache } = require("../dist/src/code-cache.cjs");
  bundle = loadThroughCodeCache(require("node:path").join(__dirname, "../dist/bundle/cli.cjs"), module, {
    __flagScanImport: (specifier, options) => import(specifier, options),
  });
  cli = bundle.module.exports;
  // Scans (and the cleanup's scan) parse in a worker thread: started first, it loads TypeScript while the
  // CLI reads its config. With --cache the scan is usually answered from the cache without parsing: the
  // worker would then only cost CPU, and a miss starts it when it needs it.
  if (!argv.some((arg) => /^(-h|--help|--version|--cache)$/.test(arg))) cli.prewarmScanWorker();
} catch (error) {
  crashedWhileStarting(error);
}
if (cli) {
  cli.run(argv).then((code) => {
    process.exitCode = code;
    // Stored after a run, so the cache holds what a run compiles lazily as well (most of it); not after
    // `--help` or `--version`, which would store little of what the next runs need.
    if (!argv.some((arg) => /^(-h|--help|--version)$/.test(arg))) bundle.store();
  }, crashedWhileStarting);
}
