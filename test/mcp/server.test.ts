import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = path.join(repo, "bin/flag-scan.js");

type ToolAnswer = { isError?: boolean; content: Array<{ type: string; text: string }>; structuredContent?: any };

describe("flag-scan mcp, driven by the MCP SDK's own client over stdio", () => {
  let dir: string;
  let demo: string;
  let client: Client;
  let stderr = "";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "flag-scan-mcp-"));
    demo = path.join(dir, "demo");
    cpSync(path.join(repo, "fixtures/demo"), demo, { recursive: true });
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin, "mcp"], cwd: demo, stderr: "pipe" });
    transport.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    client = new Client({ name: "flag-scan-tests", version: "1.0.0" });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolAnswer;

  it("offers the three tools, with schemas", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["cleanup_flag", "explain_flag", "list_flags"]);
    const cleanup = tools.find((tool) => tool.name === "cleanup_flag")!;
    expect(cleanup.inputSchema.required).toEqual(["flag", "value"]);
    expect(cleanup.annotations?.destructiveHint).toBe(true);
  });

  it("lists every flag with its state and references, as a scan finds them", async () => {
    const expected = await scan({ cwd: demo });
    const answer = await call("list_flags", {});
    expect(answer.isError).toBeFalsy();
    const listed = answer.structuredContent;
    expect(JSON.parse(answer.content[0]!.text)).toEqual(listed);
    expect(listed.flags.map((f: any) => f.flag)).toEqual(expected.flags.map((f) => f.flag));
    for (const flag of listed.flags) {
      const summary = expected.flags.find((f) => f.flag === flag.flag)!;
      expect(flag.status).toBe(summary.status);
      expect(flag.state).toBe(summary.state);
      expect(flag.references.map((r: any) => `${r.file}:${r.line}:${r.column}`)).toEqual(
        expected.references.filter((r) => r.flag === flag.flag).map((r) => `${r.file}:${r.line}:${r.column}`),
      );
    }
    const stale = (await call("list_flags", { status: "stale" })).structuredContent;
    expect(stale.flags.map((f: any) => f.flag)).toEqual(expected.flags.filter((f) => f.status === "stale").map((f) => f.flag));
  });

  it("explains a flag, dry-runs its cleanup, cleans up for real, and then finds the outer flag ready", async () => {
    const before = (await call("explain_flag", { flag: "ff_new_checkout" })).structuredContent;
    expect(before.status).toBe("stale");
    expect(before.nestedInside).toEqual(["ff_saved_carts"]);
    expect(before.sites.map((s: any) => s.file).sort()).toEqual(["backend/storefront/views.py", "src/checkout/CheckoutPage.tsx", "src/routes.tsx"]);
    expect(before.definitions.find((d: any) => d.environment === "production").state).toBe("on");
    expect(before.readyToRemove.ready).toBe(false);
    expect(before.readyToRemove.reasons.join(" ")).toContain("ff_saved_carts");

    const inner = (await call("explain_flag", { flag: "ff_saved_carts" })).structuredContent;
    expect(inner.nestedUnder).toEqual(["ff_new_checkout"]);
    expect(inner.sites.every((s: any) => s.checkedInside.includes("ff_new_checkout"))).toBe(true);

    const page = path.join(demo, "src/checkout/CheckoutPage.tsx");
    const original = readFileSync(page, "utf8");
    const dry = (await call("cleanup_flag", { flag: "ff_saved_carts", value: "on" })).structuredContent;
    expect(dry.dryRun).toBe(true);
    expect(dry.diff).toContain("src/checkout/CheckoutPage.tsx");
    expect(dry.referencesLeft).toBe(0);
    expect(readFileSync(page, "utf8")).toBe(original);

    const real = (await call("cleanup_flag", { flag: "ff_saved_carts", value: "on", dryRun: false })).structuredContent;
    expect(real.dryRun).toBe(false);
    expect(real.filesChanged).toBeGreaterThan(0);
    expect(readFileSync(page, "utf8")).not.toBe(original);
    expect(readFileSync(page, "utf8")).not.toContain("SAVED_CARTS");

    const after = (await call("explain_flag", { flag: "ff_new_checkout" })).structuredContent;
    expect(after.nestedInside).toEqual([]);
    expect(after.readyToRemove).toEqual({ ready: true, value: "on", reasons: ["stale and on everywhere"] });
    const gone = await call("explain_flag", { flag: "ff_saved_carts" });
    expect(gone.isError).toBe(true);
  });

  it("cleans a value flag with its kept value as JSON, as the CLI's --value does", async () => {
    const project = path.join(dir, "value-flag");
    const fixture = path.join(repo, "fixtures/cleanup/value/string");
    cpSync(path.join(fixture, "input"), project, { recursive: true });
    const { config } = JSON.parse(readFileSync(path.join(fixture, "case.json"), "utf8"));
    writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify(config));
    const dry = await call("cleanup_flag", { flag: "ff_x", value: '"blue"', path: path.relative(demo, project) });
    expect(dry.isError).toBeFalsy();
    expect(dry.structuredContent.value).toBe('"blue"');
    expect(dry.structuredContent.diff).toContain('+  return <b className="blue">Buy</b>;');
    // A value flag has no on/off: the same usage error as the CLI's.
    const boolean = await call("cleanup_flag", { flag: "ff_x", value: "on", path: path.relative(demo, project) });
    expect(boolean.isError).toBe(true);
    expect(boolean.content[0]!.text).toMatch(/^UsageError: `ff_x` is read as a value/);
  });

  it("answers a mistake with a tool error the agent can act on", async () => {
    const answer = await call("explain_flag", { flag: "ff_order_track" });
    expect(answer.isError).toBe(true);
    expect(answer.content[0]!.text).toMatch(/^UsageError: no flag `ff_order_track` is defined or checked in .*\nHint: did you mean ff_order_tracking/);
    const bad = await call("cleanup_flag", { flag: "ff_dark_mode", value: "maybe" });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/^UsageError: --value must be `on`, `off` or JSON, not `maybe`/);
    expect(stderr).toBe("");
  });
});

describe("flag-scan mcp with a client that closes stdin right after its last request", () => {
  it("answers it, then exits 0", () => {
    const messages = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "explain_flag", arguments: { flag: "ff_holiday_banner" } } },
    ];
    const child = spawnSync(process.execPath, [bin, "mcp"], {
      cwd: path.join(repo, "fixtures/demo"),
      encoding: "utf8",
      input: messages.map((m) => JSON.stringify(m)).join("\n") + "\n",
      timeout: 60_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const replies = child.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(replies.map((r) => r.id)).toEqual([1, 2]);
    expect(replies[1].result.structuredContent.readyToRemove).toEqual({ ready: false, reasons: ["it is served to some users only (partial rollout)"] });
  });
});

describe("flag-scan mcp without the SDK installed", () => {
  it("exits 2 with one line naming the package", () => {
    // A copy of the built package whose node_modules lacks the optional MCP SDK (and zod).
    const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-nosdk-"));
    try {
      for (const entry of ["bin", "dist", "package.json"]) cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
      mkdirSync(path.join(dir, "node_modules"));
      for (const name of readdirSync(path.join(repo, "node_modules")))
        if (name !== "@modelcontextprotocol" && name !== "zod" && !name.startsWith("."))
          symlinkSync(path.join(repo, "node_modules", name), path.join(dir, "node_modules", name));
      const child = spawnSync(process.execPath, [path.join(dir, "bin/flag-scan.js"), "mcp"], { cwd: dir, encoding: "utf8", input: "" });
      expect(child.status).toBe(2);
      expect(child.stdout).toBe("");
      expect(child.stderr.split("\n")[0]).toBe("UsageError: flag-scan mcp needs the optional package @modelcontextprotocol/sdk, which is not installed");
      expect(child.stderr).toContain("npm install --save-dev @modelcontextprotocol/sdk");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
