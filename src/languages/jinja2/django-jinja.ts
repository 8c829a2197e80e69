import { readFileSync } from "node:fs";
import path from "node:path";
import { djangoSettingsFiles } from "../python/django-settings.js";

/**
 * Where a django-jinja backend finds the templates it renders: app folders named `dirname` (its
 * `app_dirname` option, `templates` by default), files ending in `extension` (`match_extension`, `.jinja`
 * by default; empty when it matches every file).
 */
export interface JinjaTemplateDirs {
  readonly dirname: string;
  readonly extension: string;
}

const BACKEND = /["']BACKEND["']\s*:\s*["']django_jinja\.backend\.Jinja2["']/g;
/** Settings modules are small; a larger file is not one, and reading it would cost more than it can tell. */
const MAX_SETTINGS_BYTES = 1 << 20;

const known = new Map<string, readonly JinjaTemplateDirs[]>();

/**
 * The template folders of every django-jinja backend configured in the project's settings modules
 * (`TEMPLATES = [{"BACKEND": "django_jinja.backend.Jinja2", "OPTIONS": {"app_dirname": …,
 * "match_extension": …}}]`), read once per root. Options written as anything but a literal keep
 * django-jinja's defaults.
 */
export function djangoJinjaTemplateDirs(root: string): readonly JinjaTemplateDirs[] {
  const absolute = path.resolve(root);
  let dirs = known.get(absolute);
  if (dirs === undefined) {
    dirs = readSettings(absolute);
    known.set(absolute, dirs);
  }
  return dirs;
}

function readSettings(root: string): JinjaTemplateDirs[] {
  const found: JinjaTemplateDirs[] = [];
  for (const file of djangoSettingsFiles(root)) {
    let text: string;
    try {
      const bytes = readFileSync(file);
      if (bytes.length > MAX_SETTINGS_BYTES) continue;
      text = bytes.toString("utf8");
    } catch {
      continue;
    }
    if (!text.includes("django_jinja")) continue;
    for (const match of text.matchAll(BACKEND)) found.push(backendOptions(text, match.index));
  }
  return found;
}

/** The options of the backend dict that starts around `at`: up to the next `BACKEND` key or the list's end. */
function backendOptions(text: string, at: number): JinjaTemplateDirs {
  const rest = text.slice(at + 1);
  const next = rest.search(/["']BACKEND["']\s*:/);
  const block = next === -1 ? rest : rest.slice(0, next);
  const dirname = /["']app_dirname["']\s*:\s*["']([^"'\\]+)["']/.exec(block)?.[1] ?? "templates";
  const extension = /["']match_extension["']\s*:\s*(None|["']([^"'\\]*)["'])/.exec(block);
  return { dirname, extension: extension === null ? ".jinja" : extension[1] === "None" ? "" : (extension[2] ?? "") };
}

/** Whether django-jinja, as configured in `dirs`, renders the template at `relativePath` (with `/`). */
export function rendersTemplate(dirs: readonly JinjaTemplateDirs[], relativePath: string): boolean {
  const segments = relativePath.split("/");
  return dirs.some(
    ({ dirname, extension }) => segments.slice(0, -1).includes(dirname) && relativePath.toLowerCase().endsWith(extension.toLowerCase()),
  );
}
