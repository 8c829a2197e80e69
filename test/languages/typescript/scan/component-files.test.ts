import { describe, expect, it } from "vitest";
import { isComponentFile, scriptBlocks } from "../../../../src/languages/typescript/sfc.js";
import { parseTypeScript } from "../../../../src/languages/typescript/parse.js";
import { typescriptCleanup } from "../../../../src/languages/typescript/cleanup/cleanup-file.js";
import { scan } from "../../../../src/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const VUE = `<template>
  <p v-if="on">{{ isFeatureEnabled("in-template") }}</p>
</template>
<script setup lang="ts">
const on = posthog.isFeatureEnabled("in-script");
</script>
`;

describe("Vue and Svelte components", () => {
  it("keeps the script blocks at their own offsets and blanks the rest, line breaks kept", () => {
    const blocks = scriptBlocks(VUE);
    expect(blocks.lang).toBe("ts");
    expect(blocks.text).toHaveLength(VUE.length);
    expect(blocks.text.split("\n")).toHaveLength(VUE.split("\n").length);
    const at = VUE.indexOf('posthog.isFeatureEnabled("in-script")');
    expect(blocks.text.slice(at, at + 37)).toBe('posthog.isFeatureEnabled("in-script")');
    expect(blocks.text).not.toContain("in-template");
    expect(blocks.text).not.toContain("<script");
  });

  it("parses a component as its script and its template's expressions, so the markup is never a syntax error", () => {
    const sourceFile = parseTypeScript("Editor.vue", VUE);
    expect((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    const texts = sourceFile.statements.filter((s) => s.getText(sourceFile) !== ";").map((s) => s.getText(sourceFile));
    expect(texts).toEqual(["(on) ;", '( isFeatureEnabled("in-template") )', 'const on = posthog.isFeatureEnabled("in-script");']);
    expect(isComponentFile("src/App.svelte")).toBe(true);
    expect(isComponentFile("src/App.tsx")).toBe(false);
  });

  it("reads a script without lang as JavaScript", () => {
    expect(scriptBlocks("<script>\nconst a = 1;\n</script>").lang).toBe("js");
  });

  it("never rewrites a component: its checks are left and listed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-vue-"));
    writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify({ presets: ["posthog"] }));
    writeFileSync(path.join(dir, "Editor.vue"), VUE);
    const result = await scan({ cwd: dir });
    const references = result.references.filter((r) => r.flag === "in-script");
    expect(references).toHaveLength(1);
    const output = await typescriptCleanup([]).cleanupFile({ path: path.join(dir, "Editor.vue"), relativePath: "Editor.vue", text: VUE, flag: "in-script", value: true, references });
    expect(output.text).toBe(VUE);
    expect(output.removedReferences).toBe(0);
    expect(output.problems).toEqual([{ file: "Editor.vue", line: 5, column: 37, message: expect.stringContaining("Vue/Svelte component") }]);
  });
});
