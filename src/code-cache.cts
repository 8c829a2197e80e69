import buffer = require("node:buffer");
import crypto = require("node:crypto");
import fs = require("node:fs");
import Module = require("node:module");
import path = require("node:path");
import vm = require("node:vm");
import { compileCacheDirectory, writeCacheFile } from "./compile-cache-dir.cjs";

/** What loading a file did with its code cache (tests, `--debug`). */
export type CodeCacheUse = "off" | "read" | "written" | "replaced" | "not stored";

/** A CommonJS file compiled and run through a V8 code cache: `loadThroughCodeCache`. */
export interface CodeCachedModule {
  readonly module: Module;
  /** Whether V8 took the compiled code from the cache (nothing to store then). */
  readonly fromCache: boolean;
  /**
   * Stores the code V8 has compiled so far, functions compiled lazily while the module ran included,
   * when it did not come from the cache: called after the work the next runs will repeat, so that they
   * skip compiling it as well.
   */
  store(): CodeCacheUse;
}

const WRAPPER_PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"];

/**
 * Runs a CommonJS file as `require` would, registered in `require.cache`, but compiled through a V8 code
 * cache: Node 20 has no `module.enableCompileCache()` (Node 22), and compiling a large file is a fixed
 * cost of every process that loads it (9 MB of typescript.js: 0.1 to 0.15 s; the 1 MB CLI bundle: 25 ms
 * of a 0.19 s cached scan).
 *
 * The cache lives in `compileCacheDirectory()` (per user, private), keyed by Node's version, the
 * architecture and the file's path, size and modification time; V8 itself rejects a cache that does not
 * fit its source or its flags, and the file is then compiled as usual. Without a usable directory
 * (`NODE_DISABLE_COMPILE_CACHE=1`) the file is compiled the same way, without a cache.
 *
 * `extra` are further wrapper parameters beside CommonJS's five (name and value), for code that needs
 * what a `vm.Script` cannot give it (the bundle's `import()`: see bin/flag-scan.js).
 */
export function loadThroughCodeCache(file: string, parent: Module | undefined, extra: Record<string, unknown> = {}): CodeCachedModule {
  const stat = fs.statSync(file);
  const source = readSource(file);
  const directory = compileCacheDirectory();
  const key = crypto.createHash("sha1").update(`${process.version}\0${process.arch}\0${file}\0${stat.size}\0${stat.mtimeMs}\0${Object.keys(extra).join(",")}`).digest("hex").slice(0, 16);
  const cacheFile = directory === undefined ? undefined : path.join(directory, `${path.basename(file).replace(/\W/g, "_")}-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile === undefined ? undefined : fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const parameters = [...WRAPPER_PARAMETERS, ...Object.keys(extra)].join(", ");
  // On the first line, as Node's own wrapper: line numbers in stack traces stay the file's.
  const script = new vm.Script(`(function (${parameters}) { ${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const loaded = new Module(file, parent);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(directory: string): string[] })._nodeModulePaths(path.dirname(file));
  require.cache[file] = loaded;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file), ...Object.values(extra));
    loaded.loaded = true;
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  return {
    module: loaded,
    fromCache,
    store() {
      if (fromCache) return "read";
      if (cacheFile === undefined) return "off";
      try {
        writeCacheFile(cacheFile, script.createCachedData());
        return cachedData ? "replaced" : "written";
      } catch {
        // A read-only temporary directory only costs the next run the compilation.
        return "not stored";
      }
    },
  };
}

/**
 * A source file as text. Bundled and generated JavaScript is often all ASCII (typescript.js, 9 MB): then
 * the bytes are the text, and taking them as latin1 costs half of UTF-8 decoding (12 ms against 29 on the
 * bench machine for typescript.js, in every thread that loads it).
 */
export function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return bytes.toString(buffer.isAscii(bytes) ? "latin1" : "utf8");
}
