import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../../../src/index.js";

/** A Pinia store under `name` whose state keys are set from `flags.includes(key)` in PostHog's callback. */
function store(name: string, keys: Record<string, string>): string {
  const writes = Object.entries(keys).map(([storeKey, flag]) => `        this.${storeKey} = flags.includes(${JSON.stringify(flag)});`);
  return `import { defineStore } from "pinia";
import posthog from "posthog-js";
export const ${name} = defineStore("flags", {
  actions: {
    listen() {
      posthog.onFeatureFlags((flags) => {
${writes.join("\n")}
      });
    },
  },
});
`;
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-store-"));
  writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify({ presets: ["posthog"] }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const reader = (name: string, keys: string[]) => `import { ${name} } from "./store";\nconst store = ${name}();\nexport const on = [${keys.map((k) => `store.${k}`).join(", ")}];\n`;

describe("learned flag stores", () => {
  it("merges two apps' stores of one name, and drops a key the two map to different flags", async () => {
    const dir = project({
      "web/store.ts": store("useFlagsStore", { SHARED: "web-shared", WEB_ONLY: "web-only", SAME: "same" }),
      "web/reader.ts": reader("useFlagsStore", ["SHARED", "WEB_ONLY", "SAME"]),
      "portal/store.ts": store("useFlagsStore", { SHARED: "portal-shared", PORTAL_ONLY: "portal-only", SAME: "same" }),
      "portal/reader.ts": reader("useFlagsStore", ["SHARED", "PORTAL_ONLY"]),
    });
    const result = await scan({ cwd: dir });
    const reads = result.references.filter((r) => r.file.endsWith("reader.ts")).map((r) => `${r.file} ${r.keyText} -> ${r.flag}`);
    expect(reads).toEqual(["portal/reader.ts PORTAL_ONLY -> portal-only", "web/reader.ts WEB_ONLY -> web-only", "web/reader.ts SAME -> same"]);
    expect(result.findings.filter((f) => f.rule === "dynamic-flag-key")).toEqual([]);
  });

  it("learns nothing from a store that is not exported under a name", async () => {
    const dir = project({
      "web/store.ts": store("useFlagsStore", { A: "a" }).replace("export const useFlagsStore", "const useFlagsStore"),
      "web/reader.ts": `const useFlagsStore = () => ({ A: true });\nexport const on = useFlagsStore().A;\n`,
    });
    const result = await scan({ cwd: dir });
    expect(result.references.map((r) => `${r.file}:${r.line} ${r.flag}`)).toEqual(["web/store.ts:7 a"]);
  });
});
