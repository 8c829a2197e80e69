#!/usr/bin/env node
import { prewarmScanWorker } from "../dist/src/languages/typescript/scan/worker-session.js";

const argv = process.argv.slice(2);
// Scans (and the cleanup's scan) parse in a worker thread: started first, it loads TypeScript while the CLI
// itself loads and reads its config. With --cache the scan is usually answered from the cache without
// parsing: the worker then only costs CPU, and a miss starts it when it needs it.
if (!argv.some((arg) => /^(-h|--help|--version|--cache)$/.test(arg))) prewarmScanWorker();
const { run } = await import("../dist/src/cli/main.js");
process.exitCode = await run(argv);
