import { describe, expect, it } from "vitest";
import registryMismatch from "../../../rules/registry-mismatch.js";
import { resolveConfig } from "../../../src/config/load-config.js";
import type { UserConfig } from "../../../src/config/schema.js";
import { createRuleContext, runRules } from "../../../src/engine.js";
import { loadProjectRegistry } from "../../../src/engine.js";
import { writeTempProject } from "../../helpers/temp-project.js";

const files = {
  "web/featureFlags.ts": 'export enum FeatureFlags {\n  NEW_CHECKOUT = "ff_new_checkout",\n  RECOMMENDATIONS = "ff_recommendations",\n  ADDRESS_BOOK = "ff_address_book",\n}\n',
  "backend/flags.py": 'NEW_CHECKOUT = "ff_new_checkout"\nADDRESSES = "ff_address_book"\nBACKEND_ONLY = "ff_backend_only"\n',
};

async function findings(config: UserConfig) {
  const root = writeTempProject(files);
  const resolved = resolveConfig(config, root);
  const registry = await loadProjectRegistry(resolved);
  return runRules([registryMismatch], createRuleContext([], registry, resolved)).map(({ flag, file, line, column, message }) => ({ flag, at: `${file}:${line}:${column}`, message }));
}

const registry: UserConfig["registry"] = [
  { type: "typescript", path: "web/featureFlags.ts", name: "frontend-enum" },
  { type: "python", path: "backend/flags.py", name: "backend-flags" },
];

describe("registry-mismatch", () => {
  it("reports each definition whose flag a mirror lacks, by source name or index", async () => {
    const expected = [
      {
        flag: "ff_recommendations",
        at: "web/featureFlags.ts:3:21",
        message: "`ff_recommendations` is defined in frontend-enum but missing from backend-flags, which must mirror it; add it there or delete it here.",
      },
      {
        flag: "ff_backend_only",
        at: "backend/flags.py:3:16",
        message: "`ff_backend_only` is defined in backend-flags but missing from frontend-enum, which must mirror it; add it there or delete it here.",
      },
    ];
    expect(await findings({ registry, mirrors: [{ sources: ["frontend-enum", "backend-flags"] }] })).toEqual(expected);
    expect(await findings({ registry, mirrors: [{ sources: [0, 1] }] })).toEqual(expected);
  });

  it("compares constant names only when asked, ignoring the enum's qualifier", async () => {
    const result = await findings({ registry, mirrors: [{ sources: ["frontend-enum", "backend-flags"], compareConstants: true }] });
    expect(result.filter((finding) => finding.flag === "ff_address_book")).toEqual([
      {
        flag: "ff_address_book",
        at: "backend/flags.py:2:13",
        message: "`ff_address_book` is `ADDRESSES` in backend-flags but `ADDRESS_BOOK` in frontend-enum; use one name in both.",
      },
    ]);
    expect(result.some((finding) => finding.flag === "ff_new_checkout")).toBe(false);
  });

  it("is silent without mirrors", async () => {
    expect(await findings({ registry })).toEqual([]);
  });
});
