import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli } from "./helpers.js";

const SECRET = "SECRET_KEY = 'django-insecure-0123456789'\n";

/** A project in `outer/project`, with a settings module next to it, outside its root. */
function nested(registry: object[], extra: (project: string, outer: string) => void = () => undefined): string {
  const outer = writeTempProject({ "settings.py": SECRET, "flags.json": JSON.stringify({ flags: ["ff_outside"] }) });
  const project = path.join(outer, "project");
  mkdirSync(path.join(project, "src"), { recursive: true });
  writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify({ registry }));
  writeFileSync(path.join(project, "src/a.ts"), `isFeatureEnabled("ff_a");\n`);
  extra(project, outer);
  return project;
}

describe("registry and include paths stay inside the project root", () => {
  it("a relative path that climbs out (../settings.py) is refused without being read", () => {
    const run = spawnCli([], nested([{ type: "python", path: "../settings.py" }]));
    expectCleanFailure(run, 2, /^ConfigError: registry\[0\]\.path "\.\.\/settings\.py" is outside the project root .* \(flag-scan\.config\.json\)$/m);
    expect(run.stdout + run.stderr).not.toContain("django-insecure");
  });

  it("an absolute path is refused", () => {
    expectCleanFailure(spawnCli([], nested([{ type: "json", path: "/etc/passwd" }])), 2, /^ConfigError: registry\[0\]\.path "\/etc\/passwd" is outside the project root/m);
  });

  it("a symlink inside the root that points out of it is not followed", () => {
    const project = nested([{ type: "json", path: "flags.json" }], (p, outer) => symlinkSync(path.join(outer, "flags.json"), path.join(p, "flags.json")));
    expectCleanFailure(spawnCli([], project), 2, /^ConfigError: registry\[0\]\.path "flags\.json" is a symlink to a file outside the project root/m);
  });

  it("allowOutsideRoot: true opts in", () => {
    const run = spawnCli(["--format", "json"], nested([{ type: "json", path: "../flags.json", allowOutsideRoot: true }]));
    expect(run.code, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as { flags: Array<{ flag: string }> }).flags.map((f) => f.flag)).toContain("ff_outside");
  });

  it("an include glob that climbs out is refused", () => {
    const project = writeTempProject({ "flag-scan.config.json": JSON.stringify({ include: ["../**/*.ts"] }), "a.ts": "" });
    expectCleanFailure(spawnCli([], project), 2, /^ConfigError: include\[0\] "\.\.\/\*\*\/\*\.ts" leads outside the project root \(flag-scan\.config\.json\)$/m);
  });
});

describe("config discovery stops at the repository root", () => {
  it("a parent directory's config is not used (nor executed) above a .git directory", () => {
    const outer = writeTempProject({
      "flag-scan.config.mjs": `import { writeFileSync } from "node:fs"; writeFileSync(new URL("./ran", import.meta.url), "yes"); export default { naming: { pattern: "^zz$" }, rules: { "flag-naming": "error" } };\n`,
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/src/a.ts": `isFeatureEnabled("ff_unknown");\n`,
    });
    const run = spawnCli(["--format", "json"], path.join(outer, "repo"));
    // The repository has no config: defaults apply (ff_unknown is a fine name), the root is the repository,
    // and the parent's config never ran.
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { root: string; references: unknown[]; findings: Array<{ rule: string }> };
    expect(result.root).toBe(path.join(outer, "repo"));
    expect(result.references).toHaveLength(1);
    expect(result.findings).toEqual([]);
    expect(() => writeFileSync(path.join(outer, "ran"), "", { flag: "wx" })).not.toThrow();
  });

  it("nor above a package.json with workspaces", () => {
    const outer = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ naming: { pattern: "^zz$" }, rules: { "flag-naming": "error" } }),
      "mono/package.json": JSON.stringify({ name: "mono", workspaces: ["packages/*"] }),
      "mono/packages/app/src/a.ts": `isFeatureEnabled("ff_unknown");\n`,
    });
    const run = spawnCli(["--format", "json"], path.join(outer, "mono/packages/app"));
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { root: string; references: unknown[]; findings: unknown[] };
    expect(result.root).toBe(path.join(outer, "mono/packages/app"));
    expect(result.references).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });
});
