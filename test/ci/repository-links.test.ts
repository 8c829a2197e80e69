import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { GitRepo } from "../helpers/git-repo.js";

/** A monorepo package with one unknown flag, committed, with a GitHub `origin`. */
function project(): { repo: GitRepo; sha: string } {
  const repo = GitRepo.init().write({
    "packages/web/flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json" }],
    }),
    "packages/web/flags.json": '["ff_a"]\n',
    "packages/web/src/a.ts": 'declare function isFeatureEnabled(flag: string): boolean;\nexport const a = isFeatureEnabled("ff_typo");\n',
  });
  const sha = repo.commit("init");
  repo.git("remote", "add", "origin", "git@github.com:acme/mono.git");
  return { repo, sha };
}

async function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env, isTTY: false };
  const code = await run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("links to the repository in markdown reports", () => {
  let repo: GitRepo;
  afterEach(() => repo.dispose());

  it("come from the origin remote at HEAD, with repository-relative paths", async () => {
    const made = project();
    repo = made.repo;
    const { code, stdout } = await cli(`${repo.dir}/packages/web`, ["--format", "markdown"]);
    expect(code).toBe(1);
    expect(stdout).toContain(`[\`src/a.ts:2:35\`](https://github.com/acme/mono/blob/${made.sha}/packages/web/src/a.ts#L2)`);
  });

  it("come from GitHub Actions' variables when set, from --repo-url when given, and not at all with --repo-url \"\"", async () => {
    repo = project().repo;
    const cwd = `${repo.dir}/packages/web`;
    const actions = await cli(cwd, ["--format", "markdown"], {
      GITHUB_SERVER_URL: "https://github.example.com",
      GITHUB_REPOSITORY: "acme/mirror",
      GITHUB_SHA: "f00",
    });
    expect(actions.stdout).toContain("(https://github.example.com/acme/mirror/blob/f00/packages/web/src/a.ts#L2)");
    const given = await cli(cwd, ["--format", "markdown", "--repo-url", "https://git.acme.dev/web/-/blob/main/"]);
    expect(given.stdout).toContain("(https://git.acme.dev/web/-/blob/main/packages/web/src/a.ts#L2)");
    const none = await cli(cwd, ["--format", "markdown", "--repo-url", ""]);
    expect(none.stdout).toContain("| `src/a.ts:2:35` |");
    expect(none.stdout).not.toContain("src/a.ts#L2");
  });

  it("refuses a --repo-url that is not a web address", async () => {
    repo = project().repo;
    const { code, stderr } = await cli(`${repo.dir}/packages/web`, ["--format", "markdown", "--repo-url", "acme/mono"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe("UsageError: --repo-url must be an http(s) address, not `acme/mono`");
  });
});
