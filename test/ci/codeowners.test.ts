import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { codeownersOfFlags, readCodeowners } from "../../src/ci/codeowners.js";
import { GitRepo } from "../helpers/git-repo.js";
import { sampleResult } from "../helpers/sample-result.js";

describe("CODEOWNERS", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("lets the last matching line win, as GitHub does, and skips comments and GitLab sections", () => {
    const repo = GitRepo.init().write({
      ".github/CODEOWNERS": ["# owners", "* @acme/everyone", "[Frontend]", "packages/shop/src/ @acme/shop # web", "*.json @acme/config", "/docs/ @acme/docs"].join("\n"),
    });
    dir = repo.dir;
    const owners = readCodeowners(repo.dir)!;
    expect(owners("packages/shop/src/flags.ts")).toBe("@acme/shop");
    expect(owners("packages/shop/src/flags.json")).toBe("@acme/config");
    expect(owners("docs/ci.md")).toBe("@acme/docs");
    expect(owners("packages/shop/docs/x.md")).toBe("@acme/everyone");
  });

  it("gives flags without a registry owner the owners of their definition, else of their checks", () => {
    const repo = GitRepo.init().write({ CODEOWNERS: "packages/shop/src/flags.ts @acme/flags\npackages/shop/src/checkout/ @acme/checkout\n" });
    dir = repo.dir;
    const result = { ...sampleResult(), root: join(repo.dir, "packages/shop") };
    result.flags = result.flags.map((flag) =>
      flag.flag === "ff_dark_mode" ? { ...flag, definitions: [{ source: "src/flags.ts", file: "src/flags.ts", line: 2 }] } : flag,
    );
    result.flags.push({ ...result.flags[0]!, flag: "ff_owned", owner: "team-x" });
    expect(codeownersOfFlags(result, repo.dir)).toEqual({ ff_dark_mode: "@acme/flags", ff_express_pay: "@acme/checkout", ff_new_cart: "@acme/checkout" });
  });

  it("is undefined without a CODEOWNERS file", () => {
    const repo = GitRepo.init();
    dir = repo.dir;
    expect(readCodeowners(repo.dir)).toBeUndefined();
  });
});
