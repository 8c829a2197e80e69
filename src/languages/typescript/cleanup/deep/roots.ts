import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { ModuleResolver } from "../../scan/module-resolver.js";

/** Framework file routes: Next.js `pages/` and `app/`, Remix `app/routes/`, SvelteKit-style `routes/`. */
const ROUTE = /(^|\/)(pages|app|routes)\//;

/**
 * The files a project starts from, which a deep cleanup never deletes nor strips of exports: package.json
 * `main`/`module`/`exports`/`bin`/`source` of every package, framework routes, and the configured `entry` globs.
 */
export function findRoots(root: string, files: readonly string[], resolver: ModuleResolver, entry: readonly string[] = []): Set<string> {
  const roots = new Set<string>();
  // The manifests that own project files: in a folder holding one of them or above it (a stat per folder,
  // where a glob would walk the whole tree again).
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.dirname(file); dir.startsWith(root) && !folders.has(dir); dir = path.dirname(dir)) folders.add(dir);
  const manifests = [...folders].map((dir) => path.join(dir, "package.json")).filter((manifest) => existsSync(manifest)).sort();
  for (const manifest of manifests) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    } catch {
      continue;
    }
    const entries: string[] = [];
    collectStrings([json["main"], json["module"], json["source"], json["types"], json["exports"], json["bin"], json["browser"]], entries);
    for (const target of entries) {
      if (target.includes("*")) continue;
      const relative = target.startsWith(".") ? target : `./${target}`;
      for (const candidate of [relative, relative.replace(/(^|\/)(dist|build|lib|out)\//, "$1src/").replace(/\.(d\.ts|js|cjs|mjs)$/, "")]) {
        const resolved = resolver.resolve(manifest, candidate);
        if (resolved !== undefined) roots.add(resolved);
      }
    }
  }
  for (const file of files) if (ROUTE.test(path.relative(root, file).split(path.sep).join("/"))) roots.add(file);
  if (entry.length > 0) for (const file of fg.sync([...entry], { cwd: root, absolute: true, ignore: ["**/node_modules/**"] })) roots.add(path.resolve(file));
  return roots;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) collectStrings(item, into);
}

const TEST = /(\.(test|spec|stories|story)\.[cm]?[jt]sx?$)|(^|\/)(__tests__|__mocks__|__stories__)\//;

/** Tests and stories: they import what they test, but never keep it alive. */
export function isTestFile(relativePath: string): boolean {
  return TEST.test(relativePath);
}

/** `src/a/Foo.test.tsx` -> `src/a/Foo`; `src/a/__tests__/Foo.tsx` -> `src/a/Foo`: the file it is about. */
export function subjectStemOf(relativePath: string): string {
  return relativePath
    .replace(/(^|\/)(__tests__|__stories__)\//, "$1")
    .replace(/\.(test|spec|stories|story)\.[cm]?[jt]sx?$/, "")
    .replace(/\.[cm]?[jt]sx?$/, "");
}
