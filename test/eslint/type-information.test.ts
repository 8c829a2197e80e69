import path from "node:path";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/eslint/index.js";
import { clearProjectCache, preloadProject } from "../../src/eslint/project-cache.js";
import { writeTempProject } from "../helpers/temp-project.js";

// Only the type checker knows these keys: their types are one string literal, their values are computed.
const code = `import { isFeatureEnabled, pick } from "./flags";
const live: "ff_live" = pick();
const typo = pick() as "ff_liv";
const any: string = pick();
export const all = [isFeatureEnabled(live), isFeatureEnabled(typo), isFeatureEnabled(any)];
`;

const dir = writeTempProject({
  "flag-scan.config.json": JSON.stringify({
    accessors: [{ call: "isFeatureEnabled", arg: 0 }],
    registry: [{ type: "json", path: "flags.json" }],
  }),
  "flags.json": JSON.stringify(["ff_live"]),
  "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ["src"] }),
  // The program reads the linted file from disk.
  "src/typed.ts": code,
  "src/flags.ts": "export declare function isFeatureEnabled(flag: string): boolean;\nexport declare function pick<T>(): T;\n",
});

function lint(parserOptions: Linter.ParserOptions) {
  const file = path.join(dir, "src/typed.ts");
  return new Linter({ cwd: dir })
    .verify(code, [plugin.configs.recommended, { languageOptions: { parserOptions } }], { filename: file })
    .map(({ ruleId, line, column, message }) => `${ruleId} ${line}:${column}${ruleId ? "" : ` ${message}`}`);
}

afterAll(clearProjectCache);

describe("type information", () => {
  it("without it, keys syntax cannot resolve are dynamic-flag-key findings", async () => {
    await preloadProject(dir);
    expect(lint({})).toEqual(["flag-scan/dynamic-flag-key 5:38", "flag-scan/dynamic-flag-key 5:62", "flag-scan/dynamic-flag-key 5:86"]);
  });

  it("with a program, a key whose type is a single string literal is that flag", async () => {
    await preloadProject(dir);
    expect(lint({ project: "./tsconfig.json", tsconfigRootDir: dir })).toEqual(["flag-scan/unknown-flag 5:62", "flag-scan/dynamic-flag-key 5:86"]);
  });
});
