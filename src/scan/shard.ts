import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { loadAndScan, type LoadAndScanOptions } from "../engine.js";
import { UsageError } from "../errors.js";
import { discoverFiles, toPosix } from "./discover-files.js";
import { factFileOf, factsKey, openFactStore, type FactFile } from "./fact-cache.js";
import { FactStore } from "./fact-store.js";
import type { ProjectScan } from "./scan-project.js";
import { startRecording, stopRecording, type Dependency } from "./tracked-fs.js";

/** `--shard 2/4` -> { index: 2, count: 4 } (1-based, as written); a UsageError for anything else. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, not \`${value}\``, "e.g. `--shard 1/4` ... `--shard 4/4`, then `flag-scan merge` of the four files");
  }
  return { index, count };
}

/**
 * One shard of a project scan (`flag-scan --shard i/n`): the files whose path hashes to shard `i` of `n`
 * are scanned, and their per-file facts written, not a report. `flag-scan merge` of every shard's file
 * then reports exactly what one full scan would.
 */
export async function scanShard(config: ResolvedConfig, shard: { index: number; count: number }, options: Omit<LoadAndScanOptions, "facts" | "shard"> = {}): Promise<FactFile> {
  const store = new FactStore(config.root);
  startRecording(config.root);
  let recorded: Dependency[];
  try {
    await loadAndScan(config, { ...options, facts: store, shard: { index: shard.index - 1, count: shard.count } });
  } finally {
    recorded = stopRecording();
  }
  const discovered = new Set((await discoverFiles(config)).map((file) => toPosix(path.relative(config.root, file))));
  return { ...factFileOf(config, store, recorded, [], discovered), shard };
}

/**
 * Links the shards' facts (`flag-scan merge`): a scan of the whole project that answers each file from
 * the facts while its text and dependencies are those the shard saw, and scans the rest (files the
 * shards' wrappers made worth re-scanning, files changed since). So the result is exactly a full scan's.
 * Shards of another flag-scan version or config, a shard given twice, or one missing, are usage errors.
 */
export async function mergeShards(
  config: ResolvedConfig,
  shards: ReadonlyArray<{ file: string; facts: FactFile | undefined }>,
  options: Omit<LoadAndScanOptions, "facts" | "shard" | "paths"> = {},
): Promise<{ scan: ProjectScan; files: { reused: number; scanned: number } }> {
  const key = factsKey(config);
  let count: number | undefined;
  const seen = new Map<number, string>();
  for (const { file, facts } of shards) {
    if (!facts?.shard) throw new UsageError(`${file} is not a shard's facts file`, "write one with `flag-scan --shard i/n --output FILE`");
    if (facts.key !== key) {
      throw new UsageError(`${file} was written by another flag-scan version or config`, "run every shard and the merge with the same flag-scan and config");
    }
    count ??= facts.shard.count;
    if (facts.shard.count !== count) throw new UsageError(`${file} is shard ${facts.shard.index}/${facts.shard.count}, the others are of ${count}`);
    const twice = seen.get(facts.shard.index);
    if (twice !== undefined) throw new UsageError(`shard ${facts.shard.index}/${count} is given twice: ${twice} and ${file}`);
    seen.set(facts.shard.index, file);
  }
  if (count === undefined) throw new UsageError("merge needs the facts files of the shards", "e.g. `flag-scan merge shard-*.json`");
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new UsageError(`shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} missing`, "give every shard's facts file to merge");
  const { store } = openFactStore(config, shards.map(({ facts }) => facts));
  const scan = await loadAndScan(config, { ...options, facts: store });
  return { scan, files: store.counts() };
}
