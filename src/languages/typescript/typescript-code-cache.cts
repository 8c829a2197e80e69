import buffer = require("node:buffer");
import crypto = require("node:crypto");
import fs = require("node:fs");
import Module = require("node:module");
import path = require("node:path");
import vm = require("node:vm");
import { compileCacheDirectory, writeCacheFile } from "../../compile-cache-dir.cjs";

/**
 * Loads the `typescript` package into `require.cache` through a V8 code cache, so that the `require` that
 * follows gets it already compiled. Compiling the 9 MB typescript.js costs 0.1 to 0.15 s of CPU on every
 * thread that loads it (a scan loads it in the worker, and in the main thread for a `typescript` registry);
 * with the cache it is read instead. This is what `module.enableCompileCache()` does on Node 22; Node 20
 * has no such switch.
 *
 * The cache lives in `compileCacheDirectory()` (per user, private), keyed by Node's version and the
 * path, size and modification time of typescript.js; V8 itself rejects a cache that does not fit its
 * source, and then the module is compiled as usual. `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Nothing
 * happens when typescript is already loaded (an ESLint process: @typescript-eslint/parser loaded it).
 */
export function preloadTypeScript(): void {
  const directory = compileCacheDirectory();
  if (directory === undefined) return;
  lastUse = "not used";
  let file: string;
  try {
    file = require.resolve("typescript");
  } catch {
    return;
  }
  if (require.cache[file]) return;
  let source: string;
  let cacheFile: string;
  try {
    const stat = fs.statSync(file);
    source = readSource(file);
    const key = crypto.createHash("sha1").update(`${process.version}\0${process.arch}\0${file}\0${stat.size}\0${stat.mtimeMs}`).digest("hex").slice(0, 16);
    cacheFile = path.join(directory, `typescript-${key}.bin`);
  } catch {
    return;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(directory: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = loaded;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
    loaded.loaded = true;
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  if (cachedData && !script.cachedDataRejected) {
    lastUse = "read";
    return;
  }
  // The first run (or a new Node or TypeScript): compile the parser's hot path once, then store the code, so
  // later runs also skip the lazy compilation of what every scan calls.
  try {
    const ts = loaded.exports as { createSourceFile(name: string, text: string, target: number, setParents: boolean, kind: number): unknown };
    ts.createSourceFile("warm.tsx", WARM_UP, 99, true, 4);
    writeCacheFile(cacheFile, script.createCachedData());
    lastUse = cachedData ? "replaced" : "written";
  } catch {
    // A read-only temporary directory only costs the next run the compilation.
  }
}

/**
 * typescript.js as text. It is all ASCII (9 MB): then the bytes are the text, and taking them as latin1
 * costs half of UTF-8 decoding (12 ms against 29 on the bench machine, in every thread that loads it).
 */
export function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return bytes.toString(buffer.isAscii(bytes) ? "latin1" : "utf8");
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
