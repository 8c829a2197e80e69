import { createHash } from "node:crypto";
import path from "node:path";
import type { FileFacts } from "../languages/language.js";

/** One file's facts as stored: which file, which text (by content hash), which language scanned it. */
export interface FactEntry extends FileFacts {
  /** Relative to the project root, with `/`. */
  file: string;
  /** `hashContent` of the text the language was handed. */
  hash: string;
  language: string;
}

/**
 * The per-file facts a scan may reuse and the ones it produced (src/scan/fact-cache.ts keeps them on disk).
 * Dependency paths are stored relative to the project root, so a checkout elsewhere (a CI shard, the base
 * revision of `--changed-since`) can use them.
 */
export class FactStore {
  private readonly byFile = new Map<string, FactEntry[]>();
  private readonly produced = new Map<string, FactEntry>();
  /** The facts `lookup` handed out, to the entries they came from: recorded unchanged, they are kept as they are. */
  private readonly handedOut = new WeakMap<FileFacts, FactEntry>();
  private reused = 0;
  private scanned = 0;

  constructor(
    private readonly root: string,
    entries: readonly FactEntry[] = [],
  ) {
    for (const entry of entries) {
      const list = this.byFile.get(entry.file);
      if (list) list.push(entry);
      else this.byFile.set(entry.file, [entry]);
    }
  }

  /** Whether any earlier facts are there to reuse. */
  hasEntries(): boolean {
    return this.byFile.size > 0;
  }

  /** Facts recorded for this text of this file, with absolute dependency paths; undefined when none. */
  lookup(file: string, hash: string, language: string): FileFacts[] | undefined {
    const found = this.byFile.get(file)?.filter((entry) => entry.hash === hash && entry.language === language);
    if (!found || found.length === 0) return undefined;
    return found.map((entry) => {
      const { file: _file, hash: _hash, language: _language, ...facts } = entry;
      const handed = { ...facts, dependencies: facts.dependencies.map((d) => ({ ...d, path: path.resolve(this.root, d.path) })) };
      this.handedOut.set(handed, entry);
      return handed;
    });
  }

  /** Keeps what this scan produced or reused for a file. */
  record(file: string, hash: string, language: string, facts: FileFacts): void {
    const original = this.handedOut.get(facts);
    if (original && original.file === file && original.hash === hash && original.language === language) {
      // Reused as handed out (a session replays the very object): the stored entry, without converting every path back.
      this.reused++;
      this.produced.set(`${file}\0${hash}\0${language}\0${facts.context}`, original);
      return;
    }
    const dependencies = facts.dependencies.map((d) => ({ ...d, path: toStored(this.root, d.path) }));
    const entry: FactEntry = { ...facts, dependencies, file, hash, language };
    const same = (d: { path: string; hash: string | null }, i: number) => d.path === dependencies[i]?.path && d.hash === dependencies[i]?.hash;
    const before = this.byFile.get(file)?.find((e) => e.hash === hash && e.language === language && e.context === facts.context);
    if (before && before.dependencies.length === dependencies.length && before.dependencies.every(same)) this.reused++;
    else this.scanned++;
    this.produced.set(`${file}\0${hash}\0${language}\0${facts.context}`, entry);
  }

  /**
   * How many file scans were answered from facts handed out unchanged, and how many ran (a file is handed
   * to its language again in each round that learned a name it mentions).
   */
  counts(): { reused: number; scanned: number } {
    return { reused: this.reused, scanned: this.scanned };
  }

  /** Everything this scan produced or reused: what the next one can use. */
  recorded(): FactEntry[] {
    return [...this.produced.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.context < b.context ? -1 : 1));
  }

  /** Relative paths of every file some entry depends on. */
  dependencyFiles(): Set<string> {
    return new Set([...this.produced.values()].flatMap((entry) => entry.dependencies.map((d) => d.path)));
  }
}

function toStored(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

/**
 * Which of `count` shards a file belongs to (0-based), by a hash of its path relative to the root: the same
 * on every machine and stable as other files come and go.
 */
export function shardOf(relativePath: string, count: number): number {
  return createHash("sha1").update(relativePath).digest().readUInt32BE(0) % count;
}
