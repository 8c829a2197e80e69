import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A real git repository in a temporary directory, for tests of git-backed features. */
export class GitRepo {
  readonly dir: string;

  constructor(dir = mkdtempSync(join(tmpdir(), "flag-scan-git-"))) {
    this.dir = dir;
  }

  static init(): GitRepo {
    const repo = new GitRepo();
    repo.git("init", "--quiet", "--initial-branch=main");
    return repo;
  }

  /** Runs git with a fixed identity, so commits work on machines without a git config. */
  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=flag-scan tests", "-c", "user.email=tests@flag-scan.dev", ...args], {
      cwd: this.dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  write(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), text);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const path of paths) rmSync(join(this.dir, path));
    return this;
  }

  commit(message: string): string {
    this.git("add", "--all");
    this.git("commit", "--quiet", "--no-verify", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
