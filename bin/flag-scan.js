#!/usr/bin/env node
const argv = process.argv.slice(2);
// A crash outside `run` (a stray rejection in a callback) still exits 2, never 1 ("findings").
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    process.stderr.write(`InternalError: flag-scan crashed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
  });
}
// Scans (and the cleanup's scan) parse in a worker thread: started first, it loads TypeScript while the CLI
// itself loads and reads its config. With --cache the scan is usually answered from the cache without
// parsing: the worker then only costs CPU, and a miss starts it when it needs it.
if (!argv.some((arg) => /^(-h|--help|--version|--cache)$/.test(arg))) {
  const { prewarmScanWorker } = await import("../dist/src/languages/typescript/scan/worker-session.js");
  prewarmScanWorker();
}
try {
  const { run } = await import("../dist/src/cli/main.js");
  process.exitCode = await run(argv);
} catch (error) {
  // `run` reports its own errors; this is a crash while loading flag-scan itself (a broken install).
  process.stderr.write(`flag-scan crashed while starting: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
  if (argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
