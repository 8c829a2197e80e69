import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { buildNestingGraph } from "../../src/reporters/flag-graph.js";
import { htmlReporter } from "../../src/reporters/html.js";
import type { ScanResult } from "../../src/result.js";
import { CHROMIUM } from "../setup/chromium.js";
import { sampleResult } from "../helpers/sample-result.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const demoFixture = path.join(repo, "fixtures/demo");
const browser = inject("chromium");

/**
 * Renders the demo's HTML report the way a user does: `flag-scan --format html --output FILE` from the
 * demo, copied out of this repository so no git remote turns its links into repository URLs.
 */
async function renderDemo(demo: string, output: string): Promise<ScanResult> {
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: demo, env: {}, isTTY: false };
  expect(await run(["--format", "html", "--output", output, "--format", "json"], io)).toBe(1);
  return JSON.parse(out.join("")) as ScanResult;
}

describe.skipIf(!browser.available)(`the HTML report in headless Chromium${browser.available ? "" : ` (skipped: ${browser.reason})`}`, () => {
  let dir: string;
  let context: BrowserContext;
  let result: ScanResult;
  let reportFile: string;
  let demo: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "flag-scan-html-"));
    demo = path.join(dir, "demo");
    cpSync(demoFixture, demo, { recursive: true });
    reportFile = path.join(dir, "reports/report.html");
    result = await renderDemo(demo, reportFile);
    context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1400, height: 1000 },
    });
    // The report must be self-contained: any request but the file itself is recorded and refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") && url.endsWith(".html")) return route.continue();
      requests.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  const visibleFlags = (page: Page) =>
    page.$$eval("#flags tbody tr", (rows) => rows.filter((row) => !(row as unknown as { hidden: boolean }).hidden).map((row) => row.getAttribute("data-flag")));

  it("shows every flag of the demo and the nesting graph, requesting nothing", async () => {
    const page = await open(reportFile);
    expect(await visibleFlags(page)).toEqual(result.flags.map((flag) => flag.flag));
    for (const flag of result.flags) expect(await page.locator(`#flags tr[data-flag="${flag.flag}"] td`).first().innerText()).toContain(flag.flag);

    const graph = buildNestingGraph(result.references);
    expect(graph.edges.length).toBeGreaterThan(0);
    const nodes = await page.$$eval("#nesting-graph .node", (els) => els.map((el) => el.getAttribute("data-flag")));
    expect(nodes.sort()).toEqual(graph.nodes.map((node) => node.flag).sort());
    expect(await page.locator("#nesting-graph path.edge").count()).toBe(graph.edges.length);
    const box = await page.locator("#nesting-graph").boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    // Every node is drawn inside the picture, with its name as text.
    for (const flag of graph.nodes.map((n) => n.flag)) {
      const node = page.locator(`#nesting-graph .node[data-flag="${flag}"]`);
      expect(await node.locator("text").textContent()).toBe(flag);
      const nodeBox = (await node.boundingBox())!;
      expect(nodeBox.x + nodeBox.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    }
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);

    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(path.join(repo, "docs"), { recursive: true });
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.fill("#search", "");
      await page.screenshot({ path: path.join(repo, "docs/html-report.png"), fullPage: false });
    }
  });

  it("filters by search text, status and problems, and dims graph nodes that do not match", async () => {
    const page = await open(reportFile);
    await page.fill("#search", "gift");
    expect(await visibleFlags(page)).toEqual(["ff_gift_cards"]);
    expect(await page.locator("#shown").innerText()).toBe(`1 of ${result.flags.length} flags`);
    const dimmed = await page.$$eval("#nesting-graph .node.dim", (els) => els.map((el) => el.getAttribute("data-flag")));
    const graphFlags = buildNestingGraph(result.references).nodes.map((node) => node.flag);
    expect(dimmed.sort()).toEqual(graphFlags.filter((flag) => flag !== "ff_gift_cards").sort());

    // Search also finds flags by the files that check them and by owner.
    await page.fill("#search", "SplashGate");
    expect(await visibleFlags(page)).toEqual(["ff_coming_soon_splash"]);
    await page.fill("#search", "team-checkout");
    expect(await visibleFlags(page)).toEqual(result.flags.filter((f) => f.owner === "team-checkout").map((f) => f.flag));

    await page.fill("#search", "");
    await page.selectOption("#status", "stale");
    expect(await visibleFlags(page)).toEqual(result.flags.filter((f) => f.status === "stale").map((f) => f.flag));
    await page.selectOption("#status", "");
    await page.check("#with-findings");
    const withProblems = new Set(result.findings.filter((f) => f.flag !== undefined && !f.suppressed).map((f) => f.flag));
    expect(await visibleFlags(page)).toEqual(result.flags.filter((f) => withProblems.has(f.flag)).map((f) => f.flag));
    expect(pageErrors).toEqual([]);
  });

  it("links graph nodes to their flag's row and references to the files", async () => {
    const page = await open(reportFile);
    await page.click('#nesting-graph .node[data-flag="ff_gift_cards"]');
    expect(new URL(page.url()).hash).toBe("#flag-ff_gift_cards");
    const hrefs = await page.$$eval('#flags tr[data-flag="ff_gift_cards"] details a', (links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBe(result.flags.find((f) => f.flag === "ff_gift_cards")!.references);
    // The report was written outside the demo, so links climb out of its directory to the demo's files.
    const relative = path.relative(path.dirname(reportFile), demo).split(path.sep).join("/");
    expect(relative).toBe("../demo");
    for (const href of hrefs) expect(href!.startsWith(`${relative}/`)).toBe(true);
    const targets = hrefs.map((href) => decodeURIComponent(new URL(href!, pathToFileURL(reportFile)).pathname));
    const expected = result.references.filter((r) => r.flag === "ff_gift_cards").map((r) => path.join(demo, r.file));
    expect(targets.sort()).toEqual(expected.sort());
    for (const target of targets) expect(existsSync(target)).toBe(true);
  });

  it("runs no script smuggled in through a flag name or a path", async () => {
    const evil = `<img src=x onerror="document.title='pwned'">"'&`;
    const base = sampleResult();
    const crafted: ScanResult = {
      ...base,
      references: [
        { ...base.references[0]!, flag: evil, file: `src/<script>document.title='pwned'</script>.ts`, guards: [{ flag: "ff_outer", line: 1, column: 1 }] },
      ],
      findings: [{ rule: "unknown-flag", severity: "error", message: `\`${evil}\` is unknown`, flag: evil, file: "a.ts", line: 1, fingerprint: "x" }],
      flags: [{ flag: evil, definedIn: [], environments: [], references: 1, files: 1, status: "unknown", owner: "<b onmouseover=alert(1)>" }],
    };
    const file = path.join(dir, "evil.html");
    writeFileSync(file, htmlReporter(crafted, {}));
    const page = await open(file);
    await page.fill("#search", "img");
    await page.hover("#flags tbody tr td");
    expect(await page.title()).not.toBe("pwned");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("#flags tbody b").count()).toBe(0);
    expect(await page.locator("#flags tbody tr td code").first().innerText()).toBe(evil);
    expect(await page.locator(`#nesting-graph .node text`).allTextContents()).toContain(`${evil.slice(0, 23)}…`);
    expect(requests).toEqual([]);
  });
});
