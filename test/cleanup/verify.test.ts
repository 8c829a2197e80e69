import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { resolveConfig } from "../../src/config/load-config.js";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), "flag-scan-verify-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: [], target: "ES2022", module: "ESNext", moduleResolution: "Bundler" }, include: ["src"] });
const FLAGS = "export declare function isFeatureEnabled(key: string): boolean;\n";
const config = () => resolveConfig({ accessors: [{ call: "isFeatureEnabled" }] }, root);

describe("cleanup --verify", () => {
  it("refuses to write when the cleanup adds a type error, listing it", async () => {
    // `mode` becomes the literal "new" (the deep step then inlines it), and comparing it with "old" is an error TypeScript reports.
    const source = 'import { isFeatureEnabled } from "./flags";\n\nexport function label(): string {\n  const mode = isFeatureEnabled("ff_x") ? "new" : "old";\n  if (mode === "old") return "Old";\n  return "New";\n}\n';
    project({ "tsconfig.json": TSCONFIG, "src/flags.ts": FLAGS, "src/a.ts": source });
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(), verify: true });
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(source);
    expect(result.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      "src/a.ts:2 type error the cleanup would add (TS2367, position in the rewritten text): This comparison appears to be unintentional because the types '\"new\"' and '\"old\"' have no overlap.",
    ]);
    expect(result.notes?.[0]).toMatch(/^--verify: type-checked 2 files with tsconfig\.json and TypeScript \d/);
    expect(result.notes?.[1]).toBe("--verify: nothing was written, since the cleanup would add the type errors listed");
  });

  it("writes when the types stay as they were, errors the project already had included", async () => {
    const source = 'import { isFeatureEnabled } from "./flags";\n\nexport const limit: number = isFeatureEnabled("ff_x") ? 50 : 10;\nexport const broken: number = "already an error";\n';
    project({ "tsconfig.json": TSCONFIG, "src/flags.ts": FLAGS, "src/a.ts": source });
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(), verify: true });
    expect(result.problems).toEqual([]);
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe('export const limit: number = 50;\nexport const broken: number = "already an error";\n');
  });
});
