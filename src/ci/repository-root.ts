import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";

/**
 * The repository root that CI tools resolve report paths against, spelled like `projectRoot` (so
 * `path.relative` between the two works even when one of them goes through a symlink):
 * `$GITHUB_WORKSPACE` (GitHub Actions), `$CI_PROJECT_DIR` (GitLab CI), else git's top level. A monorepo
 * package scanned from its own directory thus reports `packages/app/src/x.ts`, not `src/x.ts`.
 * @returns undefined when none of them contains `projectRoot` (then paths stay relative to the project).
 */
export function findRepositoryRoot(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.GITHUB_WORKSPACE, env.CI_PROJECT_DIR].filter((dir): dir is string => Boolean(dir));
  for (const candidate of candidates) {
    const root = spelledLike(projectRoot, candidate);
    if (root !== undefined) return root;
  }
  const git = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (git.status !== 0) return undefined;
  return spelledLike(projectRoot, git.stdout.trim());
}

/** `candidate` as a path above (or equal to) `projectRoot` in `projectRoot`'s spelling, if it contains it. */
function spelledLike(projectRoot: string, candidate: string): string | undefined {
  const up = path.relative(real(projectRoot), real(candidate));
  if (up !== "" && !up.split(path.sep).every((part) => part === "..")) return undefined;
  return path.resolve(projectRoot, up);
}

function real(dir: string): string {
  try {
    return realpathSync(path.resolve(dir));
  } catch {
    return path.resolve(dir);
  }
}
