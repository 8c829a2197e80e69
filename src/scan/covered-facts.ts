import { lstatSync } from "node:fs";
import path from "node:path";
import { directoryStamp } from "./dir-stamps.js";
import type { Dependency } from "./tracked-fs.js";

type ExistenceFact = Dependency & { kind: "stat" | "exists" };

/**
 * Groups the existence facts a scan recorded (a module resolver probes a score of names per import,
 * most of them missing: `stat` and `exists` facts) under the stamp of their directory, so that a cached
 * scan checks one stamp per directory instead of one stat per probe. Whether a name in a directory is a
 * file, a directory or nothing changes only by adding, removing or renaming an entry of that directory,
 * which moves its mtime; a directory replaced by another on the way (rename, re-pointed symlink) has
 * another inode, since the stamp stats the whole path. Left on their own: names that are symlinks (their
 * target can change elsewhere), facts of directories changed within the timestamp margin of `since` (the
 * scan's start, ms since the epoch) and facts outside `root`.
 */
export function coverByDirectories(facts: readonly Dependency[], root: string, since: number): Dependency[] {
  const byDirectory = new Map<string, ExistenceFact[]>();
  const kept: Dependency[] = [];
  for (const fact of facts) {
    if ((fact.kind !== "stat" && fact.kind !== "exists") || path.isAbsolute(fact.path) || isSymlink(path.join(root, fact.path))) {
      kept.push(fact);
      continue;
    }
    const directory = path.posix.dirname(fact.path);
    const group = byDirectory.get(directory);
    if (group) group.push(fact);
    else byDirectory.set(directory, [fact]);
  }
  for (const [directory, group] of byDirectory) {
    const stamp = directoryStamp(root, directory === "." ? "" : directory, since);
    if (stamp) kept.push({ kind: "covered", path: directory, stamp, facts: group });
    else kept.push(...group);
  }
  return kept;
}

/** Whether `file` is a symbolic link (false when nothing is there, or a path through a file). */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
