import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");

/**
 * The directory for flag-scan's compile caches (TypeScript's V8 code cache, the config validator), or
 * undefined when it cannot be used safely. Per user under the system's temporary directory, as Node 22's
 * own compile cache: created private (0700), and used only while it is a real directory owned by this user
 * that nobody else can write to, because what it holds is run as code. `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's switch) turns every cache off.
 */
export function compileCacheDirectory(): string | undefined {
  if (process.env["NODE_DISABLE_COMPILE_CACHE"]) return undefined;
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const owner = uid === undefined ? safeName(os.userInfo().username) : String(uid);
  const directory = path.join(os.tmpdir(), `flag-scan-compile-cache-${owner}`);
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(directory);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

/** Writes a cache file whole or not at all: readers in other processes never see half of one. */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, "_") || "user";
}
