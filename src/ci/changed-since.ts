import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { GitError, UsageError } from "../errors.js";
import type { ChangeSummary, Finding, ScanResult } from "../result.js";
import { flagsOf, RevisionFlagsCache, type RevisionFlags } from "./revision-flags.js";

/** Lines changed since a ref, per file relative to the project root; `"all"` for new untracked files. */
export interface ChangedLines {
  /** The ref as given (`origin/main`). */
  ref: string;
  /** Full SHA compared with: the merge-base of `ref` and HEAD, else `ref` itself. */
  base: string;
  files: Map<string, Set<number> | "all">;
}

/**
 * Lines of the working tree that differ from the merge-base of `ref` and HEAD (or from `ref` when the
 * clone is too shallow to have a merge-base), from `git diff --unified=0`, plus untracked files.
 * @throws UsageError when `root` is not in a git repository or `ref` is not available locally.
 */
export function getChangedLines(root: string, ref: string): ChangedLines {
  const base = resolveBase(root, ref);
  const diff = git(root, [
    "-c",
    "core.quotePath=false",
    "diff",
    "--unified=0",
    "--no-color",
    "--no-ext-diff",
    "--find-renames",
    "--relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    base,
    "--",
  ]);
  const files = new Map<string, Set<number> | "all">(parseUnifiedDiff(diff));
  const untracked = git(root, ["-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "-z"]);
  for (const file of untracked.split("\0")) if (file) files.set(file, "all");
  return { ref, base, files };
}

/** Added or modified lines per new-side file of a `--unified=0` diff. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const files = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const path = unquote(line.slice(4));
      current = path.startsWith("b/") ? new Set() : undefined;
      if (current) files.set(path.slice(2), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return files;
}

/** Whether a finding (or scan error) sits on a changed line; one without a line counts if its file changed. */
export function isOnChangedLine(
  at: { file?: string; line?: number; endLine?: number },
  changed: ChangedLines,
): boolean {
  if (at.file === undefined) return false;
  const lines = changed.files.get(at.file);
  if (lines === undefined) return false;
  if (lines === "all" || at.line === undefined) return true;
  for (let n = at.line; n <= Math.max(at.line, at.endLine ?? at.line); n++) if (lines.has(n)) return true;
  return false;
}

/**
 * Compares the current scan with the base revision's: checks on changed lines, flags that gained their
 * first or lost their last reference, and registry entries added or removed.
 */
export function summarizeChanges(current: ScanResult, base: RevisionFlags, changed: ChangedLines): ChangeSummary {
  const now = flagsOf(current);
  const [nowReferenced, wasReferenced] = [new Set(now.referenced), new Set(base.referenced)];
  const [nowDefined, wasDefined] = [new Set(now.defined), new Set(base.defined)];
  return {
    ref: changed.ref,
    base: changed.base,
    newReferences: current.references
      .filter((reference) => isOnChangedLine(reference, changed))
      .map(({ flag, file, line, column }) => ({ flag, file, line, column }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column)),
    flagsNowReferenced: difference(nowReferenced, wasReferenced),
    flagsNoLongerReferenced: difference(wasReferenced, nowReferenced),
    registryAdded: difference(nowDefined, wasDefined),
    registryRemoved: difference(wasDefined, nowDefined),
  };
}

/** Scans the project as it was at `base`, in a temporary detached worktree removed afterwards. */
export async function scanRevision(
  /** The repository's top directory and the project's path in it (`git rev-parse --show-toplevel`, `--show-prefix`). */
  { top, prefix }: { top: string; prefix: string },
  base: string,
  scan: RevisionScan,
): Promise<ScanResult & { readOnlyTheRevision?: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), "flag-scan-base-"));
  const worktree = join(dir, "tree");
  // No hooks: a post-checkout hook of the user's repository has no business running here.
  git(top, ["-c", "core.hooksPath=/dev/null", "worktree", "add", "--detach", "--quiet", worktree, base]);
  try {
    return await scan(join(worktree, prefix), dir);
  } finally {
    try {
      git(top, ["worktree", "remove", "--force", worktree]);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      git(top, ["worktree", "prune"]);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Options of `applyChangedSince`. */
export interface ChangedSinceOptions {
  /** Project root (inside a git repository). */
  root: string;
  /** The `--changed-since` ref. */
  ref: string;
  /** Runs the same project scan on another checkout of the project (`baseRoot` mirrors `root`). */
  scan: RevisionScan;
  /** The config file the scan uses (absolute): a base commit without it has no flags, and is not checked out. */
  configFile?: string;
  /** Keep the base revision's flags by commit (`--cache`): where, and what else decides them (version, config, paths). */
  cache?: { location: string; key: string };
}

/**
 * Scans a checkout of the base revision at `baseRoot`, inside the temporary directory `sandbox`; says
 * `readOnlyTheRevision` when the scan read nothing but the checkout's files (and `sandbox`'s absent ones).
 */
export type RevisionScan = (baseRoot: string, sandbox: string) => Promise<ScanResult & { readOnlyTheRevision?: boolean }>;

/**
 * Pull-request mode: keeps only findings and scan errors on lines changed since `ref`, and adds
 * `changes`, the flags the change added and removed, by scanning the base revision too.
 */
export async function applyChangedSince(result: ScanResult, options: ChangedSinceOptions): Promise<ScanResult> {
  const changed = getChangedLines(options.root, options.ref);
  const baseFlags = await flagsAtRevision(options, changed.base);
  return {
    ...result,
    findings: result.findings.filter((finding: Finding) => isOnChangedLine(finding, changed)),
    errors: result.errors.filter((error) => isOnChangedLine(error, changed)),
    changes: summarizeChanges(result, baseFlags, changed),
  };
}

/**
 * The base revision's flags: none when the config file is not in that commit (flag-scan was not set up
 * yet: nothing to check out); kept by commit with `cache`; otherwise from a scan of a checkout of it.
 */
async function flagsAtRevision(options: ChangedSinceOptions, base: string): Promise<RevisionFlags> {
  const top = git(options.root, ["rev-parse", "--show-toplevel"]).trim();
  const prefix = git(options.root, ["rev-parse", "--show-prefix"]).trim();
  if (options.configFile !== undefined) {
    const configPath = path.posix.join(prefix, path.relative(options.root, options.configFile).split(path.sep).join("/"));
    if (!existsInCommit(top, base, configPath)) return { referenced: [], defined: [] };
  }
  const cache = options.cache && new RevisionFlagsCache(options.cache.location, RevisionFlagsCache.keyOf({ base, prefix, checkout: checkoutSettings(top), scan: options.cache.key }));
  const cached = cache?.read();
  if (cached) return cached;
  const scanned = await scanRevision({ top, prefix }, base, options.scan);
  const flags = flagsOf(scanned);
  // Kept only when the scan read nothing outside the commit's files, and the commit has no symlink,
  // whose target outside the tree can change under the same commit.
  if (cache && scanned.readOnlyTheRevision === true && !hasSymlinks(top, base)) cache.write(flags);
  return flags;
}

function existsInCommit(top: string, base: string, file: string): boolean {
  try {
    git(top, ["cat-file", "-e", `${base}:${file}`]);
    return true;
  } catch {
    return false;
  }
}

/** The settings that change what a checkout of a commit writes: line endings, symlinks, content filters (LFS). */
function checkoutSettings(top: string): string {
  try {
    return git(top, ["config", "--get-regexp", "^(core\\.(autocrlf|eol|symlinks|safecrlf)|filter\\.)"]);
  } catch {
    // Exit 1: none of them is set.
    return "";
  }
}

function hasSymlinks(top: string, base: string): boolean {
  return git(top, ["ls-tree", "-r", "-z", base]).split("\0").some((entry) => entry.startsWith("120000 "));
}

function resolveBase(root: string, ref: string): string {
  if (ref.startsWith("-")) throw new UsageError(`--changed-since: "${ref}" is not a git ref`);
  try {
    git(root, ["rev-parse", "--is-inside-work-tree"]);
  } catch {
    throw new UsageError(`--changed-since needs a git repository, and "${root}" is not inside one`);
  }
  let target: string;
  try {
    target = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    const shallow = git(root, ["rev-parse", "--is-shallow-repository"]).trim() === "true";
    throw new UsageError(
      `--changed-since: git ref "${ref}" is not available in this ${shallow ? "shallow " : ""}clone`,
      `fetch it first, e.g. \`git fetch --depth=1 origin ${ref.replace(/^origin\//, "")}\` (in GitHub Actions: actions/checkout with fetch-depth: 0)`,
    );
  }
  try {
    return git(root, ["merge-base", target, "HEAD"]).trim();
  } catch {
    // Shallow clones often lack the common ancestor: compare with the ref itself.
    return target;
  }
}

/**
 * Runs git. A failure is the repository's, not flag-scan's: a GitError with git's own first line (a
 * damaged clone, for one, fails `git diff` with "fatal: unable to read <object>").
 */
function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? "").split("\n").find((line) => line.trim() !== "");
    const command = args.filter((arg, i) => arg !== "-c" && args[i - 1] !== "-c").slice(0, 2).join(" ");
    throw new GitError(
      `--changed-since: \`git ${command}\` failed in ${cwd}: ${said?.trim() ?? (error instanceof Error ? error.message.split("\n")[0] : String(error))}`,
      "git could not do it in this repository (`git fsck` checks a clone for damage); a scan without --changed-since still works",
    );
  }
}

/** Undoes git's C-style quoting of unusual paths (`"b/a\"b.ts"`, octal escapes for non-ASCII bytes). */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path.replace(/\t$/, "");
  const bytes: number[] = [];
  const body = path.slice(1, path.lastIndexOf('"'));
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(escapes[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((item) => !b.has(item)).sort();
}
