import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type ignoreType from "ignore";
import type { ScanResult } from "../result.js";

/** Where GitHub and GitLab look for CODEOWNERS, in their order. */
const LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];

/**
 * Reads the repository's CODEOWNERS: a function from a repository-relative path to its owners
 * (`@acme/checkout @ana`), the last matching line winning as on GitHub. GitLab's `[Section]` headers
 * are skipped. undefined when the repository has no CODEOWNERS file.
 */
export function readCodeowners(repositoryRoot: string): ((file: string) => string | undefined) | undefined {
  const location = LOCATIONS.map((name) => path.join(repositoryRoot, name)).find((file) => existsSync(file));
  if (location === undefined) return undefined;
  // Loaded here: most repositories have no CODEOWNERS, and a cached scan would load it for nothing.
  const ignore = createRequire(import.meta.url)("ignore") as typeof ignoreType;
  const rules: Array<{ matches: (file: string) => boolean; owners: string }> = [];
  for (const raw of readFileSync(location, "utf8").split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "" || line.startsWith("[") || line.startsWith("^[")) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    if (pattern === undefined || owners.length === 0) continue;
    const matcher = ignore().add(pattern);
    rules.push({ matches: (file) => matcher.ignores(file), owners: owners.join(" ") });
  }
  return (file) => {
    for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.matches(file)) return rules[i]!.owners;
    return undefined;
  };
}

/**
 * Owners from CODEOWNERS for the flags whose registries name none: the owners of the flag's first
 * definition, else of the file with most of its checks.
 */
export function codeownersOfFlags(result: ScanResult, repositoryRoot: string): Record<string, string> {
  const ownersOf = readCodeowners(repositoryRoot);
  if (ownersOf === undefined) return {};
  const toRepository = (file: string) => path.relative(repositoryRoot, path.join(result.root, file)).split(path.sep).join("/");
  const owners: Record<string, string> = {};
  for (const flag of result.flags) {
    if (flag.owner !== undefined) continue;
    let file = flag.definitions?.[0]?.file;
    if (file === undefined) {
      const counts = new Map<string, number>();
      for (const r of result.references) if (r.flag === flag.flag) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
      file = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    }
    const owner = file === undefined ? undefined : ownersOf(toRepository(file));
    if (owner !== undefined) owners[flag.flag] = owner;
  }
  return owners;
}
