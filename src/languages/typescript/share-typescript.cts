import fs = require("node:fs");
import Module = require("node:module");
import path = require("node:path");

/** How far into ts-morph's bundled typescript.js its version is declared (about 125 KB in 6.0), with room. */
const VERSION_SEARCH_BYTES = 512 * 1024;

/**
 * Hands `typescript` to ts-morph in place of the copy ts-morph bundles, when both are the same minor version
 * (syntax kinds and node shapes only change between minors). Loading a 9 MB compiler twice costs 0.2 s and
 * about 100 MB per thread, and a process that scans and then rewrites (the cleanup) would otherwise hold both.
 * Does nothing when ts-morph has already loaded its copy, cannot be found, or bundles another version.
 */
export function shareWithTsMorph(typescript: { versionMajorMinor: string }): void {
  const bundled = findBundledTypeScript();
  if (!bundled || require.cache[bundled] || readBundledMajorMinor(bundled) !== typescript.versionMajorMinor) return;
  const shared = new Module(bundled);
  shared.filename = bundled;
  shared.exports = typescript;
  shared.loaded = true;
  require.cache[bundled] = shared;
}

function findBundledTypeScript(): string | undefined {
  try {
    const tsMorph = require.resolve("ts-morph");
    const common = Module.createRequire(tsMorph).resolve("@ts-morph/common");
    return path.join(path.dirname(common), "typescript.js");
  } catch {
    return undefined;
  }
}

function readBundledMajorMinor(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(VERSION_SEARCH_BYTES);
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return /\bversionMajorMinor = "(\d+\.\d+)"/.exec(buffer.toString("latin1", 0, length))?.[1];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
