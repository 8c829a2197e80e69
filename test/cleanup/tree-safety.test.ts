import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { resolveConfig } from "../../src/config/load-config.js";
import { CleanupError, UsageError } from "../../src/errors.js";

const CHECK = 'import { isFeatureEnabled } from "./flags";\n\nexport const limit = () => (isFeatureEnabled("ff_x") ? 50 : 10);\n';
const CLEANED = "export const limit = () => 50;\n";
const REGISTRY = '{\n  "ff_x": {},\n  "ff_y": {}\n}\n';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), "flag-scan-tree-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const config = () => resolveConfig({ accessors: [{ call: "isFeatureEnabled" }], registry: [{ type: "json", path: "flags.json" }] }, root);
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("cleanup tree safety", () => {
  it("refuses a git tree with uncommitted changes unless allowDirty", async () => {
    project({ "src/a.ts": CHECK, "flags.json": REGISTRY });
    git("init", "-q");
    git("add", ".");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init");
    writeFileSync(path.join(root, "notes.txt"), "work in progress\n");
    await expect(cleanup({ flag: "ff_x", value: "on", config: config() })).rejects.toThrow(/uncommitted changes \(1 file: notes\.txt\)/);
    expect(read("src/a.ts")).toBe(CHECK);
    await cleanup({ flag: "ff_x", value: "on", config: config(), allowDirty: true });
    expect(read("src/a.ts")).toBe(CLEANED);
  });

  it("exits busy while another live cleanup holds the lock, and takes over a dead one's", async () => {
    project({ "src/a.ts": CHECK, "flags.json": REGISTRY });
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
    try {
      writeFileSync(path.join(root, ".flag-scan-cleanup.lock"), `${holder.pid}\n`);
      const busy = cleanup({ flag: "ff_x", value: "on", config: config() });
      await expect(busy).rejects.toThrow(UsageError);
      await expect(cleanup({ flag: "ff_x", value: "on", config: config() })).rejects.toThrow(/busy: another cleanup \(pid \d+\)/);
      expect(read("src/a.ts")).toBe(CHECK);
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once("exit", resolve));
    // The holder is gone now: its lock is stale.
    await cleanup({ flag: "ff_x", value: "on", config: config() });
    expect(read("src/a.ts")).toBe(CLEANED);
    expect(existsSync(path.join(root, ".flag-scan-cleanup.lock"))).toBe(false);
  });

  it("removes the temporary files a killed run left", async () => {
    project({ "src/a.ts": CHECK, "flags.json": REGISTRY, "src/.a.ts.flag-scan-999999.tmp": "half" });
    await cleanup({ flag: "ff_x", value: "on", config: config() });
    expect(readdirSync(path.join(root, "src"))).toEqual(["a.ts"]);
  });

  it("writes nothing when one target cannot be staged, and says so in one line", async () => {
    project({ "src/a.ts": CHECK, "src/b.ts": CHECK, "flags.json": REGISTRY });
    // Staging b.ts fails (its temporary name is taken by a directory) after a.ts was staged.
    mkdirSync(path.join(root, `src/.b.ts.flag-scan-${process.pid}.tmp`));
    const error = await cleanup({ flag: "ff_x", value: "on", config: config() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(CleanupError);
    expect((error as Error).message).toMatch(/^nothing was written: .*\.b\.ts\.flag-scan-\d+\.tmp is not writable \(EISDIR\)$/);
    expect(read("src/a.ts")).toBe(CHECK);
    expect(read("flags.json")).toBe(REGISTRY);
    expect(readdirSync(path.join(root, "src")).sort()).toEqual([`.b.ts.flag-scan-${process.pid}.tmp`, "a.ts", "b.ts"]);
  });
});
