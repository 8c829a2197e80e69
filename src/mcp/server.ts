import path from "node:path";
import { FlagScanError, UsageError } from "../errors.js";
import { scan } from "../index.js";
import { explainFlag, siteOf } from "./flag-facts.js";
import { cleanupSummary } from "../cleanup/summary.js";
import { redactDeep } from "../redact.js";

/** The package `flag-scan mcp` needs, an optional peer dependency. */
export const MCP_SDK = "@modelcontextprotocol/sdk";

/** Loads the MCP SDK and zod, or says in one line which package to install. */
async function loadSdk() {
  try {
    const [{ McpServer }, { StdioServerTransport }, { z }] = await Promise.all([
      import("@modelcontextprotocol/sdk/server/mcp.js"),
      import("@modelcontextprotocol/sdk/server/stdio.js"),
      import("zod"),
    ]);
    return { McpServer, StdioServerTransport, z };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" || (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND")
      throw new UsageError(`flag-scan mcp needs the optional package ${MCP_SDK}, which is not installed`, `install it next to flag-scan: npm install --save-dev ${MCP_SDK}`);
    throw error;
  }
}

type ToolResult = { content: Array<{ type: "text"; text: string }>; isError?: boolean; structuredContent?: Record<string, unknown> };

/** A tool's answer: the JSON both as text (what every client shows) and as structured content. */
function answer(value: Record<string, unknown>): ToolResult {
  // Like every other output, an answer never carries a registry URL's password or an expanded ${ENV} value.
  const redacted = redactDeep(value);
  return { content: [{ type: "text", text: JSON.stringify(redacted, null, 2) }], structuredContent: redacted };
}

/** Tool calls still running, so a client that sends its last request and closes stdin still gets the answer. */
const inFlight = new Set<Promise<unknown>>();

/** Runs a tool; a user-facing error (bad config, unknown flag) becomes a tool error the agent can read and act on. */
function guarded(work: () => Promise<ToolResult>): Promise<ToolResult> {
  const running = answerOrError(work);
  inFlight.add(running);
  void running.finally(() => inFlight.delete(running));
  return running;
}

async function answerOrError(work: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FlagScanError)
      return { isError: true, content: [{ type: "text", text: `${error.name}: ${error.message}${error.hint ? `\nHint: ${error.hint}` : ""}` }] };
    throw error;
  }
}

/**
 * Serves flag-scan over the Model Context Protocol on stdin/stdout, so coding agents ask this
 * deterministic engine about flags and remove them with the safe cleanup instead of editing by hand.
 * Every call scans afresh (the agent may have edited files since). Resolves when the client disconnects.
 * @param cwd the directory tool `path`s are relative to.
 */
export async function serveMcp(options: { cwd: string; version: string }): Promise<void> {
  const { McpServer, StdioServerTransport, z } = await loadSdk();
  const server = new McpServer({ name: "flag-scan", version: options.version });
  const project = z.string().optional().describe("Project directory, relative to where the server runs (default: there)");
  const projectDir = (relative: string | undefined) => path.resolve(options.cwd, relative ?? ".");

  server.registerTool(
    "list_flags",
    {
      title: "List feature flags",
      description:
        "Scan the project and list every feature flag: status (active, stale, unknown, unused), state, environments, age, owner, and each place the code checks it.",
      inputSchema: {
        path: project,
        status: z.enum(["active", "stale", "unknown", "unused"]).optional().describe("Only flags with this status"),
        query: z.string().optional().describe("Only flags whose name contains this text"),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ path: dir, status, query }) =>
      guarded(async () => {
        const result = await scan({ cwd: projectDir(dir) });
        const flags = result.flags
          .filter((flag) => (status === undefined || flag.status === status) && (query === undefined || flag.flag.includes(query)))
          .map((flag) => ({
            flag: flag.flag,
            status: flag.status,
            ...(flag.state !== undefined && { state: flag.state }),
            environments: flag.environments,
            definedIn: flag.definedIn,
            ...(flag.ageDays !== undefined && { ageDays: flag.ageDays }),
            ...(flag.owner !== undefined && { owner: flag.owner }),
            ...(flag.permanent && { permanent: true }),
            references: result.references.filter((r) => r.flag === flag.flag).map(siteOf),
          }));
        return answer({ root: result.root, count: flags.length, flags, problems: result.findings.filter((f) => !f.suppressed).length });
      }),
  );

  server.registerTool(
    "explain_flag",
    {
      title: "Explain one feature flag",
      description:
        "Everything about one flag: where the code checks it, which flags it is nested under or contains, its definition and state in each registry/environment, its problems, and whether it is ready to remove (with the value to keep).",
      inputSchema: { flag: z.string().describe("The flag's key, e.g. ff_new_checkout"), path: project },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ flag, path: dir }) =>
      guarded(async () => {
        const result = await scan({ cwd: projectDir(dir) });
        const explanation = explainFlag(result, flag);
        if (explanation === undefined) {
          const near = result.flags.map((f) => f.flag).filter((name) => name.includes(flag) || flag.includes(name));
          throw new UsageError(`no flag \`${flag}\` is defined or checked in ${result.root}`, near.length > 0 ? `did you mean ${near.join(", ")}?` : "call list_flags to see the flags");
        }
        return answer({ root: result.root, ...explanation });
      }),
  );

  server.registerTool(
    "cleanup_flag",
    {
      title: "Remove a retired feature flag",
      description:
        "Remove a flag with flag-scan's safe codemod: replace its checks by the kept value, delete the dead branches, imports and registry entries. dryRun (the default) returns the unified diff and writes nothing; dryRun false writes the files. Sites it cannot rewrite safely are left and listed.",
      inputSchema: {
        flag: z.string().describe("The flag's key"),
        value: z
          .string()
          .describe(
            "`on` keeps the flag-on code (it shipped), `off` keeps the old code (it was dropped); for a value flag, the kept value as JSON (`\"blue\"`, `{\"limit\":3}`), like the CLI's --value",
          ),
        dryRun: z.boolean().default(true).describe("Only return the diff (default true)"),
        path: project,
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ flag, value, dryRun, path: dir }) =>
      guarded(async () => {
        const { cleanup } = await import("../cleanup/cleanup.js");
        const result = await cleanup({ flag, value, dryRun, cwd: projectDir(dir) });
        return answer(cleanupSummary(result, { diff: true }));
      }),
  );

  const transport = new StdioServerTransport();
  await server.connect(transport);
  // The transport never ends by itself: the client closing our stdin ends the session.
  await new Promise<void>((resolve) => {
    if (process.stdin.readableEnded) return resolve();
    process.stdin.once("end", resolve);
    process.stdin.once("close", resolve);
  });
  // Requests read just before the end may not have reached their handler yet.
  await new Promise((resolve) => setImmediate(resolve));
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  await new Promise((resolve) => setImmediate(resolve));
  await server.close();
}
