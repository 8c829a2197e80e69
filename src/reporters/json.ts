import type { Reporter } from "./types.js";

/** The `ScanResult` contract (src/result.ts) as pretty-printed JSON, suppressed findings included. */
export const jsonReporter: Reporter = (result) => JSON.stringify(result, null, 2) + "\n";
