import { compileCacheDirectory } from "../../compile-cache-dir.cjs";
import { loadThroughCodeCache } from "../../code-cache.cjs";

/**
 * Loads the `typescript` package into `require.cache` through a V8 code cache (`loadThroughCodeCache`), so
 * that the `require` that follows gets it already compiled. Compiling the 9 MB typescript.js costs 0.1 to
 * 0.15 s of CPU on every thread that loads it (a scan loads it in the worker, and in the main thread for a
 * `typescript` registry); with the cache it is read instead. `NODE_DISABLE_COMPILE_CACHE=1` turns it off,
 * and then `require` compiles it as usual. Nothing happens when typescript is already loaded (an ESLint
 * process: @typescript-eslint/parser loaded it).
 */
export function preloadTypeScript(): void {
  if (compileCacheDirectory() === undefined) return;
  lastUse = "not used";
  let file: string;
  try {
    file = require.resolve("typescript");
  } catch {
    return;
  }
  if (require.cache[file]) return;
  const loaded = loadThroughCodeCache(file, module);
  if (loaded.fromCache) {
    lastUse = "read";
    return;
  }
  // The first run (or a new Node or TypeScript): compile the parser's hot path once, then store the code, so
  // later runs also skip the lazy compilation of what every scan calls.
  try {
    const ts = loaded.module.exports as { createSourceFile(name: string, text: string, target: number, setParents: boolean, kind: number): unknown };
    ts.createSourceFile("warm.tsx", WARM_UP, 99, true, 4);
  } catch {
    return;
  }
  const stored = loaded.store();
  if (stored === "written" || stored === "replaced") lastUse = stored;
}

let lastUse: "off" | "not used" | "read" | "written" | "replaced" = "off";

/** What the last `preloadTypeScript` did with the cache (tests; `not used` when TypeScript was already loaded or not found). */
export function typeScriptCodeCacheUse(): typeof lastUse {
  return lastUse;
}

const WARM_UP = `import React, { useState } from "react";
import * as settings from "./settings";
export enum Kind { A = "a", B = "b" }
export const FLAGS = { one: "feature_one", two: \`feature_\${Kind.A}\` } as const;
export default class Store<T> extends Base implements I { private x?: T; static get(k: string): boolean { return !!this.x?.[k]; } }
export function useThing({ a, b = 1, ...rest }: Props): JSX.Element | null {
  const [v, setV] = useState<number>(0);
  if (settings.isEnabled("feature_one") && v > 1) return <div className="a" {...rest}>{a ? <span>{b}</span> : null}</div>;
  for (const key of Object.keys(rest)) switch (key) { case "x": break; default: setV((n) => n + 1); }
  return null;
}
`;
