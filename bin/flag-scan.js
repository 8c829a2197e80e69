#!/usr/bin/env node
import { prewarmScanWorker } from "../dist/src/languages/typescript/scan/worker-session.js";

const argv = process.argv.slice(2);
// Scans (and the cleanup's scan) parse in a worker thread: started first, it loads TypeScript while the CLI
// itself loads and reads its config.
if (!argv.some((arg) => /^(-h|--help|--version)$/.test(arg))) prewarmScanWorker();
const { run } = await import("../dist/src/cli/main.js");
process.exitCode = await run(argv);
