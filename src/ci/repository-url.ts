import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Where the repository's files can be seen on the web at the scanned revision, for links in reports:
 * `https://github.com/acme/shop/blob/<sha>`. Taken from GitHub Actions' variables, else from the
 * `repository` field of the project's package.json, else from the `origin` remote; the revision is the
 * checked-out commit. Only GitHub-style (`/blob/`) and GitLab-style (`/-/blob/`) hosts are known.
 * @returns undefined when no repository URL is known (reports then link files relatively or not at all).
 */
export function findRepositoryUrl(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY)
    return `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA || "HEAD"}`;
  const web = webUrl(packageRepository(projectRoot) ?? git(projectRoot, ["remote", "get-url", "origin"]));
  if (web === undefined) return undefined;
  const revision = git(projectRoot, ["rev-parse", "HEAD"]) ?? "HEAD";
  return `${web}${/gitlab/i.test(new URL(web).hostname) ? "/-/blob/" : "/blob/"}${revision}`;
}

/** The `repository` of the project's package.json, as a string. */
function packageRepository(projectRoot: string): string | undefined {
  const file = path.join(projectRoot, "package.json");
  if (!existsSync(file)) return undefined;
  try {
    const repository: unknown = JSON.parse(readFileSync(file, "utf8")).repository;
    if (typeof repository === "string") return repository;
    if (repository && typeof repository === "object" && typeof (repository as { url?: unknown }).url === "string")
      return (repository as { url: string }).url;
  } catch {
    // A broken package.json is someone else's error to report; links are a nicety.
  }
  return undefined;
}

/**
 * The https address of a repository given as npm writes it or git stores it: `github:o/r`, `o/r`,
 * `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `ssh://git@host/o/r`.
 */
export function webUrl(repository: string | undefined): string | undefined {
  if (!repository) return undefined;
  let url = repository.trim();
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) url = `https://${shorthand[1] ?? "github"}.${shorthand[1] === "bitbucket" ? "org" : "com"}/${shorthand[2]}`;
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(url);
  if (scp) url = `https://${scp[1]}/${scp[2]}`;
  url = url.replace(/^git\+/, "").replace(/^(ssh|git):\/\/(?:[^@/]+@)?/, "https://");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  return `https://${parsed.host}${parsed.pathname.replace(/\.git$/, "").replace(/\/+$/, "")}`;
}

function git(cwd: string, args: string[]): string | undefined {
  const child = spawnSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return child.status === 0 && child.stdout.trim() !== "" ? child.stdout.trim() : undefined;
}
