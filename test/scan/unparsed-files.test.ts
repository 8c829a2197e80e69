import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";
import { textReporter } from "../../src/reporters/text.js";
import { findKeysInUnparsedFiles } from "../../src/scan/unparsed-files.js";
import { loadConfig } from "../../src/config/load-config.js";
import { languages } from "../../src/languages/index.js";
import type { UserConfig } from "../../src/config/schema.js";

// A web app in TypeScript sharing its flag file with a Go and a Java service (fixture's files explain each flag).
const dir = fileURLToPath(new URL("../../fixtures/scan/rules/unused-read-in-unparsed-languages/", import.meta.url));

describe("keys read in files of languages flag-scan does not parse", () => {
  it("lists where the key is quoted in the inventory, and the flag is not unused", async () => {
    const result = await scan({ cwd: dir });
    const byFlag = new Map(result.flags.map((flag) => [flag.flag, flag]));
    expect(byFlag.get("paymentRetry")).toMatchObject({ status: "active", references: 0, readInUnparsedFiles: ["services/payments/retry.go:8"] });
    expect(byFlag.get("searchRanking")).toMatchObject({ status: "active", references: 0, readInUnparsedFiles: ["services/search/src/main/java/shop/Ranking.java:8"] });
    // Excluded by the config, ignored by .gitignore, named without quotes: still unused.
    for (const flag of ["oldPricing", "generatedOnly", "mentionedUnquoted"]) {
      expect(byFlag.get(flag)).toMatchObject({ status: "unused" });
      expect(byFlag.get(flag)!.readInUnparsedFiles).toBeUndefined();
    }
    expect(byFlag.get("checkoutV2")!.readInUnparsedFiles).toBeUndefined();
    expect(result.findings.filter((f) => f.rule === "unused-flag").map((f) => f.flag)).toEqual(["oldPricing", "generatedOnly", "mentionedUnquoted"]);
  });

  it("says so in one line of the text report", async () => {
    const output = textReporter(await scan({ cwd: dir }), { color: false });
    const lines = output.split("\n").filter((line) => line.includes("does not parse"));
    expect(lines).toEqual([
      "  2 flags quoted only in files flag-scan does not parse, so not reported unused: paymentRetry (services/payments/retry.go:8), searchRanking (services/search/src/main/java/shop/Ranking.java:8)",
    ]);
  });

  it("does not search for a partial scan or with unused-flag off", async () => {
    const partial = await scan({ cwd: dir, paths: ["src"] });
    expect(partial.flags.some((flag) => flag.readInUnparsedFiles !== undefined)).toBe(false);
    const off = await scan({ cwd: dir, config: { presets: ["openfeature"], registry: [{ type: "json", path: "flags.json" }], rules: { "unused-flag": "off" } } });
    expect(off.flags.some((flag) => flag.readInUnparsedFiles !== undefined)).toBe(false);
    expect(off.flags.find((flag) => flag.flag === "paymentRetry")!.status).toBe("unused");
  });

  it("searches only under the directories `include` names", async () => {
    const config: UserConfig = { presets: ["openfeature"], registry: [{ type: "json", path: "flags.json" }], include: ["src/**/*.{ts,tsx}", "services/search/**/*.ts"] };
    const result = await scan({ cwd: dir, config });
    const reads = result.flags.filter((flag) => flag.readInUnparsedFiles !== undefined).map((flag) => [flag.flag, flag.readInUnparsedFiles]);
    expect(reads).toEqual([["searchRanking", ["services/search/src/main/java/shop/Ranking.java:8"]]]);
    expect(result.flags.find((flag) => flag.flag === "paymentRetry")!.status).toBe("unused");
  });

  it("searches only for the keys asked, and nothing without keys", async () => {
    const config = await loadConfig({ cwd: dir });
    expect(await findKeysInUnparsedFiles(config, [], languages)).toEqual([]);
    expect(await findKeysInUnparsedFiles(config, ["searchRanking", "noSuchKey"], languages)).toEqual([
      { flag: "searchRanking", file: "services/search/src/main/java/shop/Ranking.java", line: 8 },
    ]);
  });
});
