import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { startProgress } from "../../src/cli/progress.js";
import { didYouMean } from "../../src/cli/suggest.js";
import { closestMatches, editDistance } from "../../src/did-you-mean.js";
import { runCli } from "../helpers/cli.js";
import { writeTempProject } from "../helpers/temp-project.js";

const SOURCE = `import { isFeatureEnabled } from "./flags";

export function limit(): number {
  if (isFeatureEnabled("ff_new_checkout")) {
    return 50;
  }
  return isFeatureEnabled("ff_gone") ? 1 : 10;
}
`;

function project() {
  return writeTempProject({
    "flag-scan.config.json": JSON.stringify({ registry: [{ type: "json", path: "flags.json" }] }),
    "flags.json": JSON.stringify({ ff_new_checkout: {}, ff_unused: {} }),
    "src/a.ts": SOURCE,
  });
}

describe("did-you-mean", () => {
  it("measures transpositions as one edit and ranks the closest first", () => {
    expect(editDistance("fromat", "format")).toBe(1);
    expect(editDistance("clenup", "cleanup")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(closestMatches("ff_new_chekout", ["ff_old_checkout", "ff_new_checkout", "ff_dark_mode"])).toEqual(["ff_new_checkout", "ff_old_checkout"]);
    expect(didYouMean("zzz", ["init", "cleanup"])).toBe("");
    expect(didYouMean("retier", ["init", "cleanup", "retire"])).toBe(" Did you mean `retire`?");
  });

  it("names a misspelt command instead of scanning a path of that name: exit 2", async () => {
    const dir = project();
    const { code, stdout, stderr } = await runCli(["clenup", "x"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("UsageError: Unknown command `clenup`. Did you mean `cleanup`?\nHint: commands: init, cleanup, retire; run `flag-scan --help`\n");
  });

  it("rejects a scan path that does not exist with exit 2", async () => {
    const { code, stderr } = await runCli(["src/nowhere"], project());
    expect(code).toBe(2);
    expect(stderr).toContain('UsageError: the path "src/nowhere" does not exist');
  });

  it("suggests the closest option of the command it was given to", async () => {
    const dir = project();
    const scan = await runCli(["--fromat", "json"], dir);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain("UsageError: Unknown option `--fromat`. Did you mean `--format`?");
    const cleanup = await runCli(["cleanup", "ff_new_checkout", "--value", "on", "--dyr-run"], dir);
    expect(cleanup.code).toBe(2);
    expect(cleanup.stderr).toContain("Unknown option `--dyr-run`. Did you mean `--dry-run`?");
  });

  it("suggests the closest flag names when cleanup is given one found nowhere", async () => {
    // A flag nothing knows is a usage error (issue 11): exit 2, with the closest names.
    const { code, stderr } = await runCli(["cleanup", "ff_new_chekout", "--value", "on"], project());
    expect(code).toBe(2);
    expect(stderr).toContain("`ff_new_chekout` is not defined in any registry and nothing mentions it");
    expect(stderr).toContain("did you mean `ff_new_checkout`?");
  });
});

describe("the options every command shares", () => {
  it("accepts --no-color and --quiet on cleanup, and --quiet prints nothing on success", async () => {
    const dir = project();
    const { code, stdout } = await runCli(["cleanup", "ff_new_checkout", "--value", "on", "--no-color", "--quiet", "--dry-run"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    const loud = await runCli(["cleanup", "ff_new_checkout", "--value", "on", "--no-color", "--dry-run"], dir);
    expect(loud.stdout).toContain("Would clean up ff_new_checkout (on)");
  });

  it("colours dry-run diffs when asked (and on a terminal by default)", async () => {
    const dir = project();
    const coloured = await runCli(["cleanup", "ff_new_checkout", "--value", "on", "--dry-run", "--color"], dir);
    expect(coloured.stdout).toContain('\u001b[31m-  if (isFeatureEnabled("ff_new_checkout")) {\u001b[39m');
    expect(coloured.stdout).toContain("\u001b[32m+  return 50;\u001b[39m");
    const plain = await runCli(["cleanup", "ff_new_checkout", "--value", "on", "--dry-run"], dir);
    expect(plain.stdout).not.toContain("\u001b[");
    expect(coloured.stdout.replace(/\u001b\[\d+m/g, "")).toBe(plain.stdout);
  });

  it("--quiet reports errors only and keeps the exit code", async () => {
    const dir = project();
    const full = await runCli([], dir);
    const quiet = await runCli(["--quiet"], dir);
    expect(full.stdout).toContain("unused-flag");
    expect(quiet.stdout).not.toContain("unused-flag");
    expect(quiet.stdout).toContain("`ff_gone` is not defined in any registry");
    expect(quiet.code).toBe(full.code);
    expect(quiet.code).toBe(1);
  });

  it("--help shows examples, the exit codes and a docs link", async () => {
    const { code, stdout } = await runCli(["--help"], project());
    expect(code).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("flag-scan init");
    expect(stdout).toContain("flag-scan retire --dry-run");
    expect(stdout).toContain("Docs: https://github.com/flag-scan/flag-scan#readme");
    expect(stdout).toMatch(/--color\s/);
    expect(stdout).toMatch(/-q, --quiet\s/);
    const init = await runCli(["init", "--help"], project());
    expect(init.stdout).toContain("flag-scan init --yes");
  });
});

describe("progress line", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function io(overrides: Partial<CliIo>): CliIo & { written: string[] } {
    const written: string[] = [];
    return { stdout: () => {}, stderr: (text) => void written.push(text), cwd: "/", env: {}, isTTY: true, stderrIsTTY: true, written, ...overrides };
  }

  it("appears on a terminal only after a second, says what runs, and is cleared when done", () => {
    const target = io({});
    const progress = startProgress(target, "Scanning...");
    vi.advanceTimersByTime(999);
    expect(target.written).toEqual([]);
    vi.advanceTimersByTime(201);
    expect(target.written.length).toBeGreaterThanOrEqual(2);
    expect(target.written[0]).toMatch(/^\r\u001b\[2K. Scanning\.\.\. 1\.\ds$/);
    progress.update("Retiring ff_x (1/2)...");
    vi.advanceTimersByTime(100);
    expect(target.written.at(-1)).toContain("Retiring ff_x (1/2)...");
    progress.done();
    expect(target.written.at(-1)).toBe("\r\u001b[2K");
    const count = target.written.length;
    vi.advanceTimersByTime(5000);
    expect(target.written.length).toBe(count);
  });

  it("stays silent for short work, off a terminal, under CI and with --quiet", () => {
    const short = io({});
    startProgress(short, "Scanning...").done();
    vi.advanceTimersByTime(5000);
    expect(short.written).toEqual([]);
    for (const target of [io({ stderrIsTTY: false }), io({ env: { CI: "true" } }), io({ env: { GITHUB_ACTIONS: "true" } })]) {
      startProgress(target, "Scanning...");
      vi.advanceTimersByTime(5000);
      expect(target.written).toEqual([]);
    }
    const quiet = io({});
    startProgress(quiet, "Scanning...", { quiet: true });
    vi.advanceTimersByTime(5000);
    expect(quiet.written).toEqual([]);
  });
});
