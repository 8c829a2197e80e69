/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per area (TypeScript's parser,
 * ts-morph, file discovery, flag-scan's own modules, GC ...), the hottest functions, and the flag-scan
 * functions with the most inclusive time, so a report can say where a scan's time goes.
 *
 * Usage: `node dist/bench/profile-summary.js FILE.cpuprofile`
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  areas: Array<{ area: string; ms: number }>;
  hottest: Array<{ name: string; area: string; ms: number }>;
  flagScanInclusive: Array<{ name: string; ms: number }>;
}

/** Which part of the process a script URL belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (url === "") {
    if (functionName === "(garbage collector)") return "garbage collector";
    if (functionName === "(idle)") return "idle (waiting on I/O or workers)";
    if (functionName === "(program)") return "V8/native (compile, syscalls)";
    return `native: ${functionName || "(anonymous)"}`;
  }
  if (url.startsWith("node:")) return `node internals (${url.replace(/^node:(internal\/)?/, "").split("/")[0]})`;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? "?");
    // ts-morph bundles its own TypeScript; ESLint's parser loads the npm package: two copies, two costs.
    if (pkg === "@ts-morph/common") return "typescript (ts-morph's bundled copy)";
    if (pkg === "typescript") return "typescript (npm package)";
    return pkg;
  }
  const dist = url.indexOf("/dist/");
  if (dist >= 0) {
    const parts = url.slice(dist + "/dist/".length).split("/");
    return `flag-scan ${parts.slice(0, Math.min(parts.length, 2)).join("/")}`;
  }
  return url.replace(/^file:\/\//, "");
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; ms: number }>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const key = `${functionName || "(anonymous)"} ${url ? `${url.split("/").slice(-2).join("/")}:${lineNumber + 1}` : ""}`.trim();
    const entry = functions.get(key) ?? { area, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }

  // Inclusive time of flag-scan's own functions, counted once per stack (no double counting under recursion).
  const inclusive = new Map<string, number>();
  const walk = (node: ProfileNode, onStack: Set<string>): number => {
    let total = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const isOwn = url.includes("/dist/src/") || url.includes("/dist/rules/");
    const key = isOwn ? `${functionName || "(anonymous)"} ${url.slice(url.indexOf("/dist/") + 6)}:${lineNumber + 1}` : "";
    const added = isOwn && !onStack.has(key);
    if (added) onStack.add(key);
    for (const child of node.children ?? []) {
      const c = byId.get(child);
      if (c) total += walk(c, onStack);
    }
    if (added) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + total);
    }
    return total;
  };
  const root = profile.nodes[0];
  const totalMs = root ? walk(root, new Set()) : 0;

  const sorted = <T extends { ms: number }>(items: T[]) => items.sort((a, b) => b.ms - a.ms);
  return {
    totalMs,
    areas: sorted([...areas].map(([area, ms]) => ({ area, ms }))),
    hottest: sorted([...functions].map(([name, v]) => ({ name, ...v }))).slice(0, top),
    flagScanInclusive: sorted([...inclusive].map(([name, ms]) => ({ name, ms }))).slice(0, top),
  };
}

export function formatProfileSummary(summary: ProfileSummary, rows = { areas: 14, functions: 15 }): string {
  const pct = (ms: number) => `${((100 * ms) / (summary.totalMs || 1)).toFixed(1)}%`;
  const lines = [`Profiled main thread: ${(summary.totalMs / 1000).toFixed(2)} s`, "", "| area (self time) | ms | share |", "|---|---:|---:|"];
  for (const a of summary.areas.slice(0, rows.areas)) lines.push(`| ${a.area} | ${a.ms.toFixed(0)} | ${pct(a.ms)} |`);
  lines.push("", "| hottest functions (self) | area | ms |", "|---|---|---:|");
  for (const f of summary.hottest.slice(0, rows.functions)) lines.push(`| \`${f.name}\` | ${f.area} | ${f.ms.toFixed(0)} |`);
  if (summary.flagScanInclusive.length > 0) {
    lines.push("", "| flag-scan functions (inclusive) | ms | share |", "|---|---:|---:|");
    for (const f of summary.flagScanInclusive.slice(0, rows.functions)) lines.push(`| \`${f.name}\` | ${f.ms.toFixed(0)} | ${pct(f.ms)} |`);
  }
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: node dist/bench/profile-summary.js FILE.cpuprofile");
    process.exit(2);
  }
  console.log(formatProfileSummary(summarizeProfile(file)));
}
