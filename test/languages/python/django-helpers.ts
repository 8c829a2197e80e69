import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { PYTHON } from "../../setup/django.js";

export const demoBackend = fileURLToPath(new URL("../../../fixtures/demo/backend/", import.meta.url));

/** Whether Django can run here, and the title suffix that says why not. */
export function djangoAvailability(): { available: boolean; label: string } {
  const django = inject("django");
  return { available: django.available, label: django.available ? "" : ` (skipped: ${django.reason})` };
}

/** A throw-away copy of the demo backend with its own SQLite database. */
export function copyBackend(): { dir: string; db: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-django-"));
  cpSync(demoBackend, path.join(dir, "backend"), { recursive: true });
  return { dir, db: path.join(dir, "db.sqlite3") };
}

/** Runs `manage.py` of a copied backend against its database; throws with Django's stderr on failure. */
export function manage(copy: { dir: string; db: string }, ...args: string[]): string {
  const result = spawnSync(PYTHON, ["manage.py", ...args], {
    cwd: path.join(copy.dir, "backend"),
    encoding: "utf8",
    env: { ...process.env, SHOP_DB: copy.db, PYTHONDONTWRITEBYTECODE: "1" },
  });
  if (result.status !== 0) throw new Error(`manage.py ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Runs Python in the backend's Django environment (`manage.py shell -c`). */
export function djangoShell(copy: { dir: string; db: string }, code: string): string {
  return manage(copy, "shell", "-c", code);
}
