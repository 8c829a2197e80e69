/**
 * What the `flag-scan` bin runs, bundled into dist/bundle/cli.cjs by scripts/bundle-cli.mjs: the CLI and
 * the scan worker's early start, from one module graph (two copies of worker-session would each keep
 * their own prewarmed worker).
 */
export { run } from "./main.js";
export { prewarmScanWorker } from "../languages/typescript/scan/worker-session.js";
