import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRepositoryRoot } from "../../src/ci/repository-root.js";
import { webUrl } from "../../src/ci/repository-url.js";
import { GitRepo } from "../helpers/git-repo.js";

describe("findRepositoryRoot", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is git's top level above a monorepo package, spelled like the package path even through a symlink", () => {
    const repo = GitRepo.init().write({ "packages/app/package.json": "{}" });
    dirs.push(repo.dir);
    const links = mkdtempSync(join(tmpdir(), "flag-scan-link-"));
    dirs.push(links);
    symlinkSync(repo.dir, join(links, "repo"));
    expect(findRepositoryRoot(join(repo.dir, "packages/app"), {})).toBe(repo.dir);
    expect(findRepositoryRoot(join(links, "repo/packages/app"), {})).toBe(join(links, "repo"));
  });

  it("prefers GITHUB_WORKSPACE when it contains the project, and ignores it when it does not", () => {
    const workspace = mkdtempSync(join(tmpdir(), "flag-scan-ws-"));
    dirs.push(workspace);
    mkdirSync(join(workspace, "services/api"), { recursive: true });
    expect(findRepositoryRoot(join(workspace, "services/api"), { GITHUB_WORKSPACE: workspace })).toBe(workspace);
    const elsewhere = mkdtempSync(join(tmpdir(), "flag-scan-other-"));
    dirs.push(elsewhere);
    expect(findRepositoryRoot(elsewhere, { GITHUB_WORKSPACE: workspace })).toBeUndefined();
  });
});

describe("webUrl", () => {
  it.each([
    ["github:acme/shop", "https://github.com/acme/shop"],
    ["acme/shop", "https://github.com/acme/shop"],
    ["gitlab:acme/shop", "https://gitlab.com/acme/shop"],
    ["git+https://github.com/acme/shop.git", "https://github.com/acme/shop"],
    ["git@github.com:acme/shop.git", "https://github.com/acme/shop"],
    ["ssh://git@gitlab.example.com/group/shop.git", "https://gitlab.example.com/group/shop"],
    ["https://github.com/acme/shop/", "https://github.com/acme/shop"],
  ])("%s -> %s", (input, expected) => {
    expect(webUrl(input)).toBe(expected);
  });

  it("gives up on what is not a repository address", () => {
    expect(webUrl("file:///srv/git/shop")).toBeUndefined();
    expect(webUrl("not a url")).toBeUndefined();
  });
});
