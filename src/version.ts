import { readFileSync } from "node:fs";

/** The package's version, read from package.json wherever this file was built to. */
export function readPackageVersion(): string {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "flag-scan" && manifest.version) return manifest.version;
    } catch {
      // Try the next location: src/ in development, dist/src/ when built.
    }
  }
  return "0.0.0";
}
