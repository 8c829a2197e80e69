import { createRequire } from "node:module";
import type fg from "fast-glob";
import type { ModuleInfo, PythonModuleIndex } from "./module-index.js";

/** Where Django projects keep their settings modules. */
const SETTINGS = ["**/settings.py", "**/settings_*.py", "**/settings/*.py", "**/*_settings.py"];
const IGNORE = ["**/node_modules/**", "**/.git/**", "**/.venv/**", "**/venv/**", "**/site-packages/**", "**/migrations/**"];

/** Per scan (the index is one scan's): a settings module added between two scans of one process is found. */
const settingsFiles = new WeakMap<PythonModuleIndex, string[]>();

/**
 * The project's settings modules, sorted, found once per scan: `from django.conf import settings` then
 * `settings.NAME` reads a module-level name of the one `DJANGO_SETTINGS_MODULE` names, which the scan
 * cannot know; each of them is tried in turn (a `production.py` doing `from .base import *` resolves
 * through its star import).
 */
export function djangoSettingsModules(index: PythonModuleIndex): ModuleInfo[] {
  let files = settingsFiles.get(index);
  if (files === undefined) {
    files = djangoSettingsFiles(index.root);
    settingsFiles.set(index, files);
  }
  return files.map((file) => index.moduleInfo(file)).filter((info): info is ModuleInfo => info !== undefined);
}

/**
 * The files that may be a Django settings module under `root` (absolute, sorted): `settings.py`,
 * `settings_*.py`, `settings/*.py`, `*_settings.py`, outside virtual environments and migrations. Which one
 * `DJANGO_SETTINGS_MODULE` names is not knowable from the tree, so readers try each.
 */
export function djangoSettingsFiles(root: string): string[] {
  try {
    // fast-glob is required here, not imported: loading the language list must not load it (a cached scan never globs).
    return (createRequire(import.meta.url)("fast-glob") as typeof fg).sync(SETTINGS, { cwd: root, ignore: IGNORE, absolute: true, deep: 6, suppressErrors: true, followSymbolicLinks: false }).sort();
  } catch {
    return [];
  }
}

/** Whether `name` is bound in `module` to `django.conf.settings`. */
export function isDjangoSettings(module: ModuleInfo, name: string): boolean {
  const binding = module.bindings.get(name);
  if (binding?.kind !== "import") return false;
  return (binding.module === "django.conf" && binding.name === "settings") || (binding.module === "django.conf.settings" && binding.name === undefined);
}
