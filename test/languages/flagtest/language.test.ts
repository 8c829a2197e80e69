import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanup } from "../../../src/cleanup/index.js";
import { scan } from "../../../src/index.js";
import { languages } from "../../../src/languages/index.js";
import { flagtestLanguage } from "./language.js";

// The one line a new language takes.
const withFlagtest = [...languages, flagtestLanguage];

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), "flag-scan-flagtest-"));
  writeFileSync(
    path.join(root, "flag-scan.config.json"),
    JSON.stringify({ accessors: [{ call: "isOn" }], registry: [{ type: "json", path: "flags.json" }] }),
  );
  writeFileSync(path.join(root, "flags.json"), `{\n  "ff_new_banner": {},\n  "ff_dark_mode": {}\n}\n`);
  writeFileSync(path.join(root, "page.flagtest"), `banner = isOn("ff_new_banner") ? "new" : "old"\ntheme = isOn("ff_dark_mode") ? "dark" : "light"\nfooter = isOn("ff_typo") ? "a" : "b"\n`);
  return root;
}

describe("a language added by one folder and one line in the language list", () => {
  it("is scanned: its references reach the rules like any other language's", async () => {
    const root = project();
    const result = await scan({ cwd: root, languages: withFlagtest });
    expect(result.references.map((r) => [r.file, r.line, r.column, r.flag, r.language])).toEqual([
      ["page.flagtest", 1, 10, "ff_new_banner", "flagtest"],
      ["page.flagtest", 2, 9, "ff_dark_mode", "flagtest"],
      ["page.flagtest", 3, 10, "ff_typo", "flagtest"],
    ]);
    expect(result.findings.map((f) => [f.rule, f.file, f.line, f.flag])).toEqual([["unknown-flag", "page.flagtest", 3, "ff_typo"]]);
  });

  it("is not read at all without it", async () => {
    const result = await scan({ cwd: project() });
    expect(result.references).toEqual([]);
    expect(result.findings.map((f) => f.rule).sort()).toEqual(["unused-flag", "unused-flag"]);
  });

  it("is cleaned up through the shared fixpoint, registry entry included", async () => {
    const root = project();
    const result = await cleanup({ flag: "ff_new_banner", value: "on", cwd: root, languages: withFlagtest });
    expect(result.problems).toEqual([]);
    expect(result.referencesRemoved).toBe(1);
    expect(result.referencesLeft).toBe(0);
    expect(readFileSync(path.join(root, "page.flagtest"), "utf8")).toBe(`banner = "new"\ntheme = isOn("ff_dark_mode") ? "dark" : "light"\nfooter = isOn("ff_typo") ? "a" : "b"\n`);
    expect(readFileSync(path.join(root, "flags.json"), "utf8")).toBe(`{\n  "ff_dark_mode": {}\n}\n`);

    await cleanup({ flag: "ff_dark_mode", value: "off", cwd: root, languages: withFlagtest });
    expect(readFileSync(path.join(root, "page.flagtest"), "utf8")).toBe(`banner = "new"\ntheme = "light"\nfooter = isOn("ff_typo") ? "a" : "b"\n`);
  });
});
