import ts from "typescript";
import { describe, expect, it } from "vitest";
import { foldLocally } from "../../../../src/languages/typescript/cleanup/deep/local-folds.js";

// Each case: the file before the cleanup, and as the per-file rewrite left it (the flag's check replaced).
// The deep step's local folds must change the text, and the program must compute the same before and after.
const CASES: Array<{ name: string; original: string; rewritten: string; folds: boolean }> = [
  {
    name: "empty spreads",
    original: 'const legacy = { b: 2 };\nconst flag = isOn();\nexport const r = { a: 1, ...(flag ? {} : legacy) };\nexport const list = [1, ...(flag ? [] : [9]), 2];\nexport const args = Math.max(...(flag ? [] : [9]), 3);\nfunction isOn() { return true; }\n',
    rewritten: 'const legacy = { b: 2 };\nexport const r = { a: 1, ...({}) };\nexport const list = [1, ...([]), 2];\nexport const args = Math.max(...([]), 3);\n',
    folds: true,
  },
  {
    name: "a const alias",
    original: 'const Welcome = () => "w";\nconst Old = () => "o";\nexport function page(flag: boolean) {\n  const P = flag ? Welcome : Old;\n  return P() + [P].length + JSON.stringify({ P: typeof P });\n}\n',
    rewritten: 'const Welcome = () => "w";\nconst Old = () => "o";\nexport function page(flag: boolean) {\n  const P = Welcome;\n  return P() + [P].length + JSON.stringify({ P: typeof P });\n}\n',
    folds: true,
  },
  {
    name: "a local only the removed branch read",
    original: "export function f(t: number, flag: boolean) {\n  const can = t > 0;\n  return flag ? 1 : can ? 2 : 3;\n}\n",
    rewritten: "export function f(t: number, flag: boolean) {\n  const can = t > 0;\n  return 1;\n}\n",
    folds: true,
  },
  {
    name: "`x && false` with a side effect in x stays",
    original: 'export const calls = { n: 0 };\nconst hit = () => (calls.n++, true);\nexport const a = hit() && flagOf("x");\nfunction flagOf(key: string) { return key === ""; }\n',
    rewritten: "export const calls = { n: 0 };\nconst hit = () => (calls.n++, true);\nexport const a = hit() && false;\n",
    folds: false,
  },
  {
    name: "`x || true` with a pure x",
    original: "export const ready = [1].length > 0;\nexport const show = ready || flag();\nfunction flag() { return true; }\n",
    rewritten: "export const ready = [1].length > 0;\nexport const show = ready || true;\n",
    folds: true,
  },
];

function run(source: string): unknown {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  new Function("exports", js)(exports);
  return JSON.parse(JSON.stringify(exports, (_key, value) => (typeof value === "function" ? String(value(1, true)) : value)));
}

describe("deep cleanup's local folds keep behaviour", () => {
  for (const c of CASES)
    it(c.name, () => {
      const { text } = foldLocally("case.ts", c.original, c.rewritten);
      if (c.folds) expect(text).not.toBe(c.rewritten);
      else expect(text).toBe(c.rewritten);
      expect(run(text)).toEqual(run(c.rewritten));
    });
});
