import type { Argv, CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { readPackageVersion } from "../../version.js";

/**
 * `flag-scan mcp`: a Model Context Protocol server on stdin/stdout with the tools `list_flags`,
 * `explain_flag` and `cleanup_flag`. Needs the optional package `@modelcontextprotocol/sdk`.
 */
export function mcpCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, object> {
  return {
    command: "mcp",
    describe: "Serve flag-scan to coding agents over the Model Context Protocol (stdio): list, explain and clean up flags",
    builder: (yargs: Argv) => yargs,
    handler: async () => {
      // Loaded only for this command: the SDK is an optional dependency, and scans should not pay for it.
      const { serveMcp } = await import("../../mcp/server.js");
      await serveMcp({ cwd: io.cwd, version: readPackageVersion() });
      setExitCode(0);
    },
  };
}
