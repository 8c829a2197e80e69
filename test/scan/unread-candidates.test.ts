import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { useCacheTestEnvironment } from "../helpers/cache-test-environment.js";

/** The files the scan's prefilter loop reads (`readUndecoded` or `readText`, src/scan/read-text.ts), by absolute path. */
const readByLoop: string[] = [];
vi.mock("../../src/scan/read-text.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/scan/read-text.js")>();
  return {
    ...original,
    readText: (file: string, options?: { hash?: boolean }) => {
      readByLoop.push(file);
      return original.readText(file, options);
    },
    readUndecoded: (file: string, options?: { hash?: boolean }) => {
      readByLoop.push(file);
      return original.readUndecoded(file, options);
    },
  };
});

const { loadConfig } = await import("../../src/config/load-config.js");
const { loadAndScan } = await import("../../src/engine.js");
const { loadAndScanCached } = await import("../../src/scan/result-cache.js");

const fixture = fileURLToPath(new URL("../../fixtures/scan/resolution/across-files/", import.meta.url));
const { temporaryDirectory } = useCacheTestEnvironment();

describe("--cache: an unchanged file that mentions an accessor (src/scan/scan-project.ts)", () => {
  it("is answered from its facts without being read, and read and parsed when a module it imports changes", async () => {
    const dir = temporaryDirectory("flag-scan-unread-");
    cpSync(fixture, dir, { recursive: true });
    rmSync(path.join(dir, "expected.json"));
    writeFileSync(path.join(dir, "src", "notes.ts"), `export const nothingToSee = 1;\n`);
    const location = path.join(dir, "node_modules", ".cache", "flag-scan");
    // Not patched (patch-entry.ts): the miss is under test.
    const scan = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location, worker: false, patch: false });
    const cold = async () => {
      const scanned = await loadAndScan(await loadConfig({ cwd: dir }), { worker: false });
      return { references: scanned.references, errors: scanned.errors, stats: scanned.stats };
    };
    const use = path.join(dir, "src", "use.ts");
    await sleep(40);
    await scan();
    await sleep(40);
    appendFileSync(path.join(dir, "src", "notes.ts"), `// settle\n`);
    await sleep(40);
    await scan();

    await sleep(40);
    appendFileSync(path.join(dir, "src", "notes.ts"), `// edit\n`);
    readByLoop.length = 0;
    const miss = await scan();
    expect(miss.cache).toBe("miss");
    expect(miss.files).toMatchObject({ scanned: 0 });
    expect(readByLoop).toContain(path.join(dir, "src", "notes.ts"));
    expect(readByLoop).not.toContain(use);
    expect({ references: miss.scan.references, errors: miss.scan.errors, stats: miss.scan.stats }).toEqual(await cold());

    // A constant use.ts imports changes: its facts no longer hold, its text is read for the parse.
    await sleep(40);
    const checkout = path.join(dir, "src", "constants", "checkout.ts");
    writeFileSync(checkout, readFileSync(checkout, "utf8").replace(/"ff_[a-z_]+"/, '"ff_checkout_renamed"'));
    const parsed = await scan();
    expect(parsed.files?.scanned).toBeGreaterThan(0);
    expect(parsed.scan.references.map((r) => r.flag)).toContain("ff_checkout_renamed");
    expect({ references: parsed.scan.references, errors: parsed.scan.errors, stats: parsed.scan.stats }).toEqual(await cold());
  });
});
