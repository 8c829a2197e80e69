import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../", import.meta.url));

/**
 * Every module of src/ and rules/ with the project modules it imports (static and dynamic), relative to the
 * repo. A type written as `import("./x.js").T` is not an import: it is gone at run time.
 */
function importGraph(): Map<string, string[]> {
  const files = ["src", "rules"].flatMap((dir) => walk(path.join(repo, dir))).filter((file) => /\.c?ts$/.test(file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)(?!\.)|require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      targets.push(relative(path.resolve(path.dirname(file), specifier).replace(/\.cjs$/, ".cts").replace(/\.js$/, ".ts")));
    }
    graph.set(relative(file), targets);
  }
  return graph;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function relative(file: string): string {
  return path.relative(repo, file).split(path.sep).join("/");
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe("the layers (README, Architecture)", () => {
  it("reads the whole source tree", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("src/engine.ts")).toContain("src/scan/scan-project.ts");
  });

  it("has no import circle", () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it("keeps scan/, cleanup/ and registry/ free of any one language", () => {
    const named = edges.filter(({ from, to }) => /^src\/(scan|cleanup|registry)\//.test(from) && /^src\/languages\/[^/]+\//.test(to));
    expect(named).toEqual([]);
  });

  it("lets nothing below the CLI import from it", () => {
    expect(edges.filter(({ from, to }) => !from.startsWith("src/cli/") && to.startsWith("src/cli/"))).toEqual([]);
  });

  it("keeps reporters pure: they write no files", () => {
    const writers = [...graph.keys()].filter((file) => file.startsWith("src/reporters/") && /from "node:fs/.test(readFileSync(path.join(repo, file), "utf8")));
    expect(writers).toEqual([]);
  });

  it("loads ts-morph only in the type-information tier", () => {
    const users = [...graph.keys()].filter((file) => /from "ts-morph"/.test(readFileSync(path.join(repo, file), "utf8")));
    expect(users).toEqual(["src/languages/typescript/scan/type-resolver.ts"]);
  });
});
