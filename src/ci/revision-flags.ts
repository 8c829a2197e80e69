import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeCacheFile } from "../scan/cache-file.js";
import type { ScanResult } from "../result.js";

/** What `--changed-since` compares with the base revision: the flags it checks and the flags its registries define. */
export interface RevisionFlags {
  referenced: string[];
  defined: string[];
}

export function flagsOf(result: Pick<ScanResult, "references" | "flags">): RevisionFlags {
  return {
    referenced: [...new Set(result.references.flatMap((reference) => (reference.flag === undefined ? [] : [reference.flag])))].sort(),
    defined: result.flags.filter((flag) => flag.definedIn.length > 0).map((flag) => flag.flag).sort(),
  };
}

/**
 * The base revision's flags kept by commit (`--cache`): a commit's files never change, so while the
 * scan of it read nothing but them (result-cache.ts `external`) its flags are the same next time, and
 * the next run skips checking the revision out, which costs seconds in a large repository (4.9 s of
 * `git worktree add` for linode/manager's 4,778 files). `key` holds the commit, the git settings that
 * change what a checkout writes (`core.autocrlf`, filters such as LFS), the flag-scan version and the
 * scan's config file and paths.
 */
export class RevisionFlagsCache {
  constructor(
    private readonly location: string,
    private readonly key: string,
  ) {}

  static keyOf(material: unknown): string {
    return createHash("sha1").update(JSON.stringify({ format: FORMAT, material })).digest("base64url");
  }

  private file(): string {
    return path.join(this.location, `revision-${this.key.slice(0, 24)}.json`);
  }

  read(): RevisionFlags | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.file(), "utf8")) as { format?: number; key?: string; flags?: RevisionFlags };
      const flags = entry.flags;
      if (entry.format !== FORMAT || entry.key !== this.key || !flags || !isStrings(flags.referenced) || !isStrings(flags.defined)) return undefined;
      return flags;
    } catch {
      return undefined;
    }
  }

  write(flags: RevisionFlags): void {
    try {
      writeCacheFile(this.file(), { format: FORMAT, key: this.key, flags });
    } catch {
      // A cache that cannot be written only costs the next run a checkout.
    }
  }
}

const FORMAT = 1;

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");
