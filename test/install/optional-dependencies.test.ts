import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { isMissingPackage, loadOptional, OPTIONAL_PACKAGES } from "../../src/optional-dependency.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.c?ts$/.test(name) ? [full] : [];
  });
}

describe("optional packages (README, Quick start)", () => {
  it("are optional peers, not dependencies, so a frontend-only install leaves them out", () => {
    for (const name of Object.keys(OPTIONAL_PACKAGES)) {
      expect(manifest.dependencies[name], name).toBeUndefined();
      expect(manifest.peerDependencies[name], name).toBeDefined();
      expect(manifest.peerDependenciesMeta[name]?.optional, name).toBe(true);
    }
  });

  it("are imported statically only by the modules that are themselves loaded on demand", () => {
    const allowed: Record<string, string> = {
      "ts-morph": "src/languages/typescript/scan/type-resolver.ts",
      "@typescript-eslint/parser": "src/eslint/index.ts",
    };
    const offenders: string[] = [];
    for (const file of walk(path.join(repo, "src"))) {
      const text = readFileSync(file, "utf8");
      const relative = path.relative(repo, file).split(path.sep).join("/");
      for (const name of Object.keys(OPTIONAL_PACKAGES)) {
        const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
        const staticImport = new RegExp(`^import (?!type )[^;]*from "${escaped}(/[^"]*)?";`, "m");
        if (staticImport.test(text) && allowed[name] !== relative) offenders.push(`${relative} imports ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("recognises Node's error for a package that is not installed", async () => {
    const error = await import("flag-scan-test-no-such-package" as string).catch((e: unknown) => e);
    expect(isMissingPackage(error, "flag-scan-test-no-such-package")).toBe(true);
    expect(isMissingPackage(error, "pg")).toBe(false);
    expect(isMissingPackage(new Error("boom"), "pg")).toBe(false);
  });

  it("turns a missing package into one ConfigError line naming it, and rethrows anything else", async () => {
    const missing = Object.assign(new Error("Cannot find package 'sql.js' imported from /x/waffle-db.js"), { code: "ERR_MODULE_NOT_FOUND" });
    const failure = await loadOptional("sql.js", () => Promise.reject(missing)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toBe("a waffle-db registry with a SQLite file needs the optional package sql.js, which is not installed");
    expect((failure as ConfigError).hint).toBe("run: npm install --save-dev sql.js");
    const other = new Error("syntax error in the driver");
    await expect(loadOptional("pg", () => Promise.reject(other))).rejects.toBe(other);
  });
});
