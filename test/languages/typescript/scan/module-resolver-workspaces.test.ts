import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModuleResolver } from "../../../../src/languages/typescript/scan/module-resolver.js";

const root = mkdtempSync(path.join(tmpdir(), "flag-scan-pnpm-workspace-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe("workspace packages declared in pnpm-workspace.yaml", () => {
  write("pnpm-workspace.yaml", "packages:\n  # the libraries only\n  - 'libs/*'\n");
  write("package.json", JSON.stringify({ name: "root", private: true }));
  write("libs/flags/package.json", JSON.stringify({ name: "@acme/flags", main: "dist/index.js" }));
  write("libs/flags/src/index.ts", "export const FLAG = 'ff_a';\n");
  // Not under a declared glob: not a workspace package.
  write("tools/other/package.json", JSON.stringify({ name: "@acme/other", main: "index.ts" }));
  write("tools/other/index.ts", "export const OTHER = 1;\n");

  it("resolves a package under a declared glob to its source, and only those", () => {
    const resolver = new ModuleResolver(root);
    const from = path.join(root, "apps/web/src/app.ts");
    expect(resolver.resolve(from, "@acme/flags")).toBe(path.join(root, "libs/flags/src/index.ts"));
    expect(resolver.resolve(from, "@acme/other")).toBeUndefined();
  });
});
