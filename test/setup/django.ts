import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";

/**
 * Debian's interpreter: apt installs python3-django there, while `python3` on PATH may be another
 * interpreter (pyenv) that cannot see those packages.
 */
export const PYTHON = "/usr/bin/python3";

/** Whether the Django tests can run, and why not. */
export interface DjangoAvailability {
  available: boolean;
  reason?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    django: DjangoAvailability;
  }
}

function hasDjango(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import django, waffle"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0 ? undefined : `\`${command} ${args.join(" ")}\` failed: ${(result.stderr || result.stdout || String(result.error)).trim().split("\n").pop()}`;
}

/**
 * Vitest global setup: makes sure Debian's python3-django and python3-django-waffle are installed,
 * installing them with apt-get when running as root. Where that is impossible (a laptop without apt or
 * root) the Django tests skip with the reason; with CI=true a missing Django fails the run instead.
 */
export default function setup(project: TestProject): void {
  let availability: DjangoAvailability = { available: true };
  if (!hasDjango()) {
    const canInstall = existsSync("/usr/bin/apt-get") && process.getuid?.() === 0;
    const failure = canInstall
      ? (run("apt-get", ["update"]) ?? run("apt-get", ["install", "-y", "--no-install-recommends", "python3-django", "python3-django-waffle"]))
      : "python3-django/python3-django-waffle are missing and apt-get cannot run here (needs Debian/Ubuntu and root)";
    if (failure !== undefined || !hasDjango()) {
      const reason = failure ?? `${PYTHON} still cannot import django and waffle after apt-get install`;
      if (process.env.CI === "true") throw new Error(`Django tests cannot run: ${reason}`);
      availability = { available: false, reason };
    }
  }
  project.provide("django", availability);
}
