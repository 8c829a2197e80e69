#!/usr/bin/env node
// CommonJS (bin/package.json): an ES-module entry starts Node's ES module loader first, about 10 ms of
// CPU that a cached scan, a few hundred ms in all, otherwise pays on every run.
"use strict";

const argv = process.argv.slice(2);
// A crash outside `run` (a stray rejection in a callback) still exits 2, never 1 ("findings").
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    process.stderr.write(`InternalError: flag-scan crashed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
  });
}

/** A crash while loading flag-scan itself (a broken install): `run` reports every other error itself. */
function crashedWhileStarting(error) {
  process.stderr.write(`flag-scan crashed while starting: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}

let cli;
try {
  // The CLI bundled into one file by `npm run build` (scripts/bundle-cli.mjs): Node 20 has no compile
  // cache for ES modules, and loading the ~85 modules of a scan one by one was most of a cached scan.
  cli = require("../dist/bundle/cli.cjs");
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
  }, crashedWhileStarting);
}
