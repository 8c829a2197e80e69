import { describe, expect, it } from "vitest";
import { applyEdits } from "../../../../src/cleanup/edit.js";
import { cleanupText } from "../../../../src/languages/typescript/cleanup/rewrite.js";
import { typescriptCleanup } from "../../../../src/languages/typescript/cleanup/cleanup-file.js";
import { locate } from "../../../cleanup/helpers/locate.js";

const ACCESSORS = [{ call: "isFeatureEnabled" }];

function clean(text: string, value: boolean, fileName = "a.tsx") {
  return cleanupText({ text, fileName, references: locate(text, fileName, "ff_x", ACCESSORS), value, accessors: ACCESSORS });
}

describe("cleanupText", () => {
  it("rewrites one file's text from its references", () => {
    const text = 'import { isFeatureEnabled } from "f";\nexport const A = () => (isFeatureEnabled("ff_x") ? <New /> : <Old />);\n';
    expect(clean(text, true).text).toBe("export const A = () => <New />;\n");
    expect(clean(text, false).text).toBe("export const A = () => <Old />;\n");
  });

  it("returns the very same string when there is nothing to remove", () => {
    const text = 'export const a = isFeatureEnabled("ff_other");\n';
    const result = clean(text, true);
    expect(result.text).toBe(text);
    expect(result.removed).toEqual([]);
  });

  it("is idempotent", () => {
    const text = 'import { isFeatureEnabled } from "f";\nif (!isFeatureEnabled("ff_x")) {\n  a();\n} else {\n  b();\n}\n';
    const once = clean(text, true).text;
    expect(once).toBe("b();\n");
    expect(clean(once, true).text).toBe(once);
  });

  it("honours a negated check (`useFeatureIsOff`)", () => {
    const text = 'export const x = isFeatureEnabled("ff_x") ? 1 : 2;\n';
    const references = locate(text, "a.ts", "ff_x", ACCESSORS).map((r) => ({ ...r, negated: true }));
    expect(cleanupText({ text, fileName: "a.ts", references, value: true, accessors: ACCESSORS }).text).toBe("export const x = 2;\n");
  });

  it("keeps a BOM through the TypeScript language, with offsets counted after it", () => {
    const body = 'export const x = isFeatureEnabled("ff_x") ? 1 : 2;\n';
    const references = locate(body, "a.ts", "ff_x", ACCESSORS);
    const output = typescriptCleanup(ACCESSORS).cleanupFile({ path: "/p/a.ts", relativePath: "a.ts", text: `\uFEFF${body}`, flag: "ff_x", value: true, references });
    expect(output).toEqual({ text: "\uFEFFexport const x = 1;\n", removedReferences: 1, problems: [] });
    expect(typescriptCleanup().parseError("export const = ;", "a.ts")).toBe("1:14 Variable declaration expected.");
    expect(typescriptCleanup().parseError("export const a = 1;", "a.ts")).toBeUndefined();
  });
});

describe("applyEdits", () => {
  it("applies non-overlapping edits and drops the ones that overlap an earlier edit", () => {
    const result = applyEdits("abcdef", [
      { start: 1, end: 3, text: "X" },
      { start: 2, end: 4, text: "Y" },
      { start: 4, end: 4, text: "+" },
      { start: 5, end: 6, text: "" },
    ]);
    expect(result).toEqual({ text: "aXd+e", applied: 3 });
  });

  it("returns the same string when no edit changes anything", () => {
    const text = "abc";
    expect(applyEdits(text, [{ start: 0, end: 1, text: "a" }]).text).toBe(text);
  });
});
