import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { ensure, type Availability } from "./django.js";

/** Debian's Chromium, which the HTML report's browser test drives with playwright-core. */
export const CHROMIUM = "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: Availability;
  }
}

function hasChromium(): boolean {
  return existsSync(CHROMIUM) && spawnSync(CHROMIUM, ["--version"], { stdio: "ignore", timeout: 30_000 }).status === 0;
}

/**
 * Vitest global setup: makes sure Debian's `chromium` is installed (apt-get when root), like the
 * Django setup; without it the browser tests skip with the reason, and with CI=true they fail instead.
 */
export default function setup(project: TestProject): void {
  project.provide("chromium", ensure("Chromium", hasChromium, ["chromium"]));
}
