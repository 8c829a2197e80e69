import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { parseShard, scanShard } from "../scan/shard.js";
import type { CliIo } from "./io.js";

/** `flag-scan --shard i/n`: scans one shard and writes its facts to the first `--output`, or stdout. */
export async function writeShardFacts(config: ResolvedConfig, args: { shard?: string; output: string[] }, scanPaths: readonly string[], io: CliIo): Promise<number> {
  const shard = parseShard(args.shard!);
  if (scanPaths.length > 0) throw new UsageError("--shard scans the whole project: give no paths", "the merge needs every file of the project covered by one shard");
  const facts = JSON.stringify(await scanShard(config, shard));
  const output = args.output[0];
  if (output === undefined) io.stdout(`${facts}\n`);
  else writeFileSync(path.resolve(io.cwd, output), facts);
  return 0;
}
