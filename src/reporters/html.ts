import path from "node:path";
import type { Finding, FlagSummary, ScanResult } from "../result.js";
import { buildNestingGraph, type NestingGraph } from "./flag-graph.js";
import { collectRules, countFindings, docsUrlOf, groupProblems, plural, repositoryLink, type Problem } from "./shared.js";
import type { Reporter, ReporterOptions } from "./types.js";

/**
 * One self-contained HTML page (inline CSS and script, no fonts, images or requests; a CSP forbids any)
 * with the flag inventory (state per environment, age, owner, references as links, findings), search and
 * filters, the problems, and the nesting graph as inline SVG. Every piece of user text is escaped.
 * Links go to `options.repositoryUrl` when known, else relative to `options.reportDirectory`.
 */
export const htmlReporter: Reporter = (result, options) => {
  const link = linker(result, options);
  const counts = countFindings(result.findings);
  const problems = groupProblems(result.findings);
  const findingsByFlag = new Map<string, Finding[]>();
  for (const problem of problems) if (problem.flag !== undefined) append(findingsByFlag, problem.flag, problem.findings[0]!);
  const referencesByFlag = new Map<string, ScanResult["references"]>();
  for (const reference of result.references) if (reference.flag !== undefined) append(referencesByFlag, reference.flag, reference);
  const graph = buildNestingGraph(result.references);
  const title = `flag-scan: ${path.basename(result.root)}`;
  const statuses = ["active", "stale", "unknown", "unused"] as const;
  const total = counts.errors + counts.warnings;

  const rows = result.flags.map((flag) => flagRow(flag, referencesByFlag.get(flag.flag) ?? [], findingsByFlag.get(flag.flag) ?? [], options, link));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escape(title)}</h1>
<p class="summary"><span class="${total === 0 ? "ok" : counts.errors > 0 ? "error" : "warning"}">${total === 0 ? "No problems found" : `${plural(total, "problem")} (${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")})`}</span>
 · ${plural(result.flags.length, "flag")} · ${plural(result.references.length, "reference")} in ${plural(result.stats.filesDiscovered, "file")}${result.errors.length > 0 ? ` · ${plural(result.errors.length, "file")} could not be scanned` : ""}</p>
</header>
<main>
<section id="graph">
<h2>Nesting</h2>
${graphSection(graph, link)}
</section>
<section id="inventory">
<h2>Flags</h2>
<div class="controls">
<label>Search <input id="search" type="search" placeholder="flag, owner, file…" autocomplete="off"></label>
<label>Status <select id="status"><option value="">all</option>${statuses.map((s) => `<option value="${s}">${s}</option>`).join("")}</select></label>
<label><input id="with-findings" type="checkbox"> only flags with problems</label>
<span id="shown" aria-live="polite">${plural(result.flags.length, "flag")}</span>
</div>
<table id="flags">
<thead><tr><th>Flag</th><th>Status</th><th>State per environment</th><th>Age</th><th>Owner</th><th>References</th><th>Problems</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
${result.flags.length === 0 ? "<p>No flags defined or referenced.</p>" : ""}
</section>
<section id="problems">
<h2>Problems (${problems.length})</h2>
${problemsSection(problems, result, options, link)}
</section>
${result.errors.length > 0 ? errorsSection(result, link) : ""}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
};

/** Adds to a list in place: rebuilding it per item made this quadratic in a flag's references (issue 18). */
function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

type Link = (file: string, line?: number) => string;

/** Repository URL links when known; else paths relative to the report's directory (default: the project root). */
function linker(result: ScanResult, options: ReporterOptions): Link {
  return (file, line) => {
    const remote = repositoryLink(result, options, file, line);
    if (remote !== undefined) return remote;
    const from = options.reportDirectory ?? result.root;
    const relative = path.relative(from, path.join(result.root, file)).split(path.sep).join("/");
    return relative.split("/").map((part) => (part === ".." ? part : encodeURIComponent(part))).join("/");
  };
}

function flagRow(
  flag: FlagSummary,
  references: ScanResult["references"],
  findings: Finding[],
  options: ReporterOptions,
  link: Link,
): string {
  const owner = flag.owner ?? options.owners?.[flag.flag];
  const ownerCell = owner === undefined ? "—" : `${escape(owner)}${flag.owner === undefined ? ' <span class="muted">(CODEOWNERS)</span>' : ""}`;
  const definitions = flag.definitions ?? [];
  const plain = definitions.filter((d) => d.environment === undefined && d.state === undefined);
  const definedIn =
    plain.length === 0
      ? ""
      : `<div class="muted">defined in ${plain.map((d) => `<a href="${escape(link(d.file, d.line))}">${escape(d.source)}</a>`).join(", ")}</div>`;
  const states = definitions
    .filter((d) => !plain.includes(d))
    .map((d) => {
      const label = d.environment ?? d.source;
      const state = d.state ?? "defined";
      return `<a class="state state-${escape(state)}" href="${escape(link(d.file, d.line))}" title="${escape(`${d.source}: ${d.file}${d.line === undefined ? "" : `:${d.line}`}`)}">${escape(label)}: ${escape(state)}</a>`;
    })
    .join(" ");
  const sites = references
    .map((r) => `<li><a href="${escape(link(r.file, r.line))}">${escape(`${r.file}:${r.line}:${r.column}`)}</a></li>`)
    .join("");
  const referencesCell =
    references.length === 0
      ? "0"
      : `<details><summary>${plural(references.length, "reference")} in ${plural(flag.files, "file")}</summary><ul>${sites}</ul></details>`;
  const problemsCell = findings.map((f) => `<div class="finding ${f.severity}">${inlineCode(f.message)}</div>`).join("");
  const search = [flag.flag, owner ?? "", flag.description ?? "", ...references.map((r) => r.file), ...(flag.definitions ?? []).map((d) => d.source)]
    .join(" ")
    .toLowerCase();
  const status = flag.permanent ? `${flag.status} <span class="muted">(permanent)</span>` : flag.status;
  return `<tr id="${escape(flagAnchor(flag.flag))}" data-flag="${escape(flag.flag)}" data-status="${escape(flag.status)}" data-problems="${findings.length}" data-search="${escape(search)}">
<td><code>${escape(flag.flag)}</code>${flag.description ? `<div class="muted">${escape(flag.description)}</div>` : ""}</td>
<td><span class="status status-${escape(flag.status)}">${status}</span></td>
<td>${states || definedIn ? `${states}${definedIn}` : '<span class="muted">not defined</span>'}</td>
<td>${flag.ageDays === undefined ? "—" : plural(flag.ageDays, "day")}</td>
<td>${ownerCell}</td>
<td>${referencesCell}</td>
<td>${problemsCell}</td>
</tr>`;
}

const NODE_WIDTH = 190;
const NODE_HEIGHT = 28;
const COLUMN_GAP = 90;
const ROW_GAP = 16;

function graphSection(graph: NestingGraph, link: Link): string {
  if (graph.edges.length === 0) return "<p>No flag is checked inside another flag's branch.</p>";
  const x = (layer: number) => 10 + layer * (NODE_WIDTH + COLUMN_GAP);
  const y = (row: number) => 10 + row * (NODE_HEIGHT + ROW_GAP);
  const at = new Map(graph.nodes.map((node) => [node.flag, node]));
  const width = x(Math.max(...graph.nodes.map((n) => n.layer)) + 1) - COLUMN_GAP + 10;
  const height = y(Math.max(...graph.nodes.map((n) => n.row)) + 1) - ROW_GAP + 10;
  const edges = graph.edges.map((edge) => {
    const from = at.get(edge.outer)!;
    const to = at.get(edge.inner)!;
    const kind = edge.cycle ? "cycle" : edge.chain ? "chain" : "plain";
    let d: string;
    if (from.layer < to.layer) {
      const x1 = x(from.layer) + NODE_WIDTH;
      const y1 = y(from.row) + NODE_HEIGHT / 2;
      const x2 = x(to.layer);
      const y2 = y(to.row) + NODE_HEIGHT / 2;
      d = `M${x1},${y1} C${x1 + COLUMN_GAP / 2},${y1} ${x2 - COLUMN_GAP / 2},${y2} ${x2},${y2}`;
    } else {
      // Same layer (a cycle): an arc on the right-hand side.
      const x1 = x(from.layer) + NODE_WIDTH;
      const y1 = y(from.row) + NODE_HEIGHT / 2 - 5;
      const y2 = y(to.row) + NODE_HEIGHT / 2 + 5;
      // Downward and upward arcs of a two-way cycle bulge by different amounts, so both stay visible.
      const bulge = (from.row < to.row ? 22 : 40) + 8 * Math.abs(from.row - to.row);
      d = from === to ? `M${x1},${y1} C${x1 + 30},${y1 - 20} ${x1 + 30},${y2 + 20} ${x1},${y2}` : `M${x1},${y1} C${x1 + bulge},${y1} ${x1 + bulge},${y2} ${x1},${y2}`;
    }
    const title = `${edge.inner} is checked inside ${edge.outer} at ${edge.sites.map((s) => `${s.file}:${s.line}`).join(", ")}`;
    return `<path class="edge ${kind}" d="${d}" marker-end="url(#arrow-${kind})" data-outer="${escape(edge.outer)}" data-inner="${escape(edge.inner)}"><title>${escape(title)}</title></path>`;
  });
  const nodes = graph.nodes.map((node) => {
    const kind = node.cycle ? "cycle" : node.chain ? "chain" : "plain";
    const label = node.flag.length > 24 ? `${node.flag.slice(0, 23)}…` : node.flag;
    return `<a href="#${escape(flagAnchor(node.flag))}" class="node ${kind}" data-flag="${escape(node.flag)}"><title>${escape(node.flag)}</title><rect x="${x(node.layer)}" y="${y(node.row)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5"></rect><text x="${x(node.layer) + 10}" y="${y(node.row) + 18}">${escape(label)}</text></a>`;
  });
  const markers = ["plain", "chain", "cycle"]
    .map((kind) => `<marker id="arrow-${kind}" class="arrow ${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker>`)
    .join("");
  const chains = graph.edges.filter((e) => e.chain && !e.cycle).length;
  const cycles = graph.edges.filter((e) => e.cycle).length;
  const sites = graph.edges
    .map((edge) => `<li><code>${escape(edge.inner)}</code> inside <code>${escape(edge.outer)}</code>: ${edge.sites.map((s) => `<a href="${escape(link(s.file, s.line))}">${escape(`${s.file}:${s.line}`)}</a>`).join(", ")}</li>`)
    .join("");
  return `<p>An arrow from A to B: B is checked inside a branch of A. <span class="legend chain">chains</span> (${chains} edges) are nestings two or more deep; <span class="legend cycle">cycles</span> (${cycles} edges) are flags nested inside each other.</p>
<div class="graph-wrap"><svg id="nesting-graph" xmlns="http://www.w3.org/2000/svg" width="${width + 60}" height="${height}" viewBox="0 0 ${width + 60} ${height}" role="img" aria-label="Flag nesting graph"><defs>${markers}</defs>${edges.join("")}${nodes.join("")}</svg></div>
<details><summary>Where (${plural(graph.edges.length, "edge")})</summary><ul>${sites}</ul></details>`;
}

function problemsSection(problems: Problem[], result: ScanResult, options: ReporterOptions, link: Link): string {
  if (problems.length === 0) return "<p>No problems found.</p>";
  const docs = new Map(collectRules(result, options).map((rule) => [rule.id, docsUrlOf(rule)]));
  const rows = problems.map((problem) => {
    const places = problem.findings
      .map((f) => (f.file === undefined ? "(project-wide)" : `<a href="${escape(link(f.file, f.line))}">${escape(`${f.file}${f.line === undefined ? "" : `:${f.line}`}`)}</a>`))
      .join(", ");
    return `<tr class="${problem.severity}" data-flag="${escape(problem.flag ?? "")}"><td>${problem.severity}</td><td>${inlineCode(problem.message)}</td><td><a href="${escape(docs.get(problem.rule) ?? "")}">${escape(problem.rule)}</a></td><td>${places}</td></tr>`;
  });
  return `<table><thead><tr><th>Severity</th><th>Problem</th><th>Rule</th><th>Where</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function errorsSection(result: ScanResult, link: Link): string {
  const items = result.errors
    .map((e) => `<li><a href="${escape(link(e.file, e.line))}">${escape(`${e.file}${e.line === undefined ? "" : `:${e.line}`}`)}</a>: ${escape(e.message)}</li>`)
    .join("");
  return `<section id="errors"><h2>Files that could not be scanned (${result.errors.length})</h2><ul>${items}</ul></section>`;
}

/** An id for a flag's row that any slug can have (ids are case-sensitive; spaces and odd characters encoded). */
function flagAnchor(flag: string): string {
  return `flag-${encodeURIComponent(flag)}`;
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A message with `code` spans, escaped. */
function inlineCode(message: string): string {
  return message
    .split(/(`[^`]+`)/)
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? `<code>${escape(part.slice(1, -1))}</code>` : escape(part)))
    .join("");
}

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--alt:#f6f8fa;--err:#cf222e;--warn:#9a6700;--ok:#1a7f37;--chain:#bc4c00;--cycle:#cf222e}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header,main{padding:0 24px}header{border-bottom:1px solid var(--line);background:var(--alt)}h1{font-size:20px;margin:0;padding:14px 0 4px}
.summary{margin:0 0 12px}.error{color:var(--err)}.warning{color:var(--warn)}.ok{color:var(--ok)}.muted{color:var(--muted);font-size:12px}
h2{font-size:16px;margin:22px 0 8px}code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--alt);padding:1px 4px;border-radius:4px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}th{background:var(--alt);font-weight:600}
tr.error td:first-child{color:var(--err)}tr.warning td:first-child{color:var(--warn)}
.controls{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin-bottom:8px}input[type=search]{width:240px;padding:4px 6px}
.status{padding:1px 6px;border-radius:10px;font-size:12px;border:1px solid var(--line)}.status-stale{background:#fff8c5}.status-unknown{background:#ffebe9}.status-unused{background:#eef1f4}.status-active{background:#dafbe1}
.state{display:inline-block;margin:1px 2px;padding:0 6px;border-radius:4px;font-size:12px;border:1px solid var(--line);text-decoration:none;color:var(--fg)}
.state-on{background:#dafbe1}.state-off{background:#eef1f4}.state-partial{background:#ddf4ff}
.finding{font-size:12px}.finding.error{color:var(--err)}.finding.warning{color:var(--warn)}
details ul{margin:4px 0;padding-left:18px}a{color:#0969da}
.graph-wrap{overflow:auto;border:1px solid var(--line);border-radius:6px;background:var(--alt)}
.node rect{fill:#fff;stroke:#8c959f;stroke-width:1.2}.node text{font:12px ui-monospace,monospace;fill:var(--fg)}
.node.chain rect{stroke:var(--chain);stroke-width:2}.node.cycle rect{stroke:var(--cycle);stroke-width:2.5;fill:#ffebe9}.node.dim{opacity:.25}
.edge{fill:none;stroke:#8c959f;stroke-width:1.5}.edge.chain{stroke:var(--chain);stroke-width:2}.edge.cycle{stroke:var(--cycle);stroke-width:2.5;stroke-dasharray:6 3}
.arrow path{fill:#8c959f}.arrow.chain path{fill:var(--chain)}.arrow.cycle path{fill:var(--cycle)}
.legend{font-weight:600}.legend.chain{color:var(--chain)}.legend.cycle{color:var(--cycle)}
tr:target{outline:2px solid #0969da}
`;

/** Filters rows by search text, status and "has problems"; dims graph nodes that do not match. */
const SCRIPT = `
(function(){
var search=document.getElementById("search"),status=document.getElementById("status"),only=document.getElementById("with-findings"),shown=document.getElementById("shown");
var rows=[].slice.call(document.querySelectorAll("#flags tbody tr")),nodes=[].slice.call(document.querySelectorAll("#nesting-graph .node"));
function apply(){
var q=search.value.trim().toLowerCase(),s=status.value,visible=0,match={};
rows.forEach(function(row){
var ok=(!q||row.getAttribute("data-search").indexOf(q)!==-1)&&(!s||row.getAttribute("data-status")===s)&&(!only.checked||row.getAttribute("data-problems")!=="0");
row.hidden=!ok;if(ok){visible++;match[row.getAttribute("data-flag")]=true;}
});
nodes.forEach(function(node){node.classList.toggle("dim",!match[node.getAttribute("data-flag")]);});
shown.textContent=visible+" of "+rows.length+" flag"+(rows.length===1?"":"s");
}
search.addEventListener("input",apply);status.addEventListener("change",apply);only.addEventListener("change",apply);
})();
`;
