import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../../../src/index.js";

const dir = fileURLToPath(new URL("../../../../fixtures/scan/resolution/type-information/", import.meta.url));
const base = {
  accessors: [{ call: "isFeatureEnabled", arg: 0 }],
  registry: [{ type: "typescript" as const, path: "src/flags.ts" }],
};

describe("typeInformation", () => {
  it("is off by default: keys only the checker knows stay dynamic", async () => {
    const result = await scan({ cwd: dir, config: base });
    expect(result.references.map((r) => r.flag)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("resolves keys whose type is one string literal, and only those", async () => {
    const result = await scan({ cwd: dir, config: { ...base, typeInformation: true } });
    expect(result.references.map((r) => r.flag)).toEqual(["ff_new_checkout", "ff_dark_mode", "ff_search_v2", undefined]);
  });

  it("names a tsconfig that does not exist", async () => {
    await expect(scan({ cwd: dir, config: { ...base, typeInformation: { tsconfig: "tsconfig.missing.json" } } })).rejects.toThrow(
      'typeInformation.tsconfig "tsconfig.missing.json" does not exist',
    );
  });
});
