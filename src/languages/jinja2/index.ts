import { createFileScanSession } from "../../scan/file-session.js";
import type { Language } from "../language.js";
import { djangoJinjaTemplateDirs, rendersTemplate } from "./django-jinja.js";
import { jinjaAccessors, jinjaScanner } from "./scanner.js";

const JINJA_EXTENSIONS = [".jinja", ".jinja2", ".j2"];

/**
 * Whether a path is a Jinja2 template: a `.jinja`/`.jinja2`/`.j2` file anywhere, an `.html` file under a
 * `jinja2/` directory (Django's `Jinja2` backend and django-jinja look there for app templates), or one that
 * a django-jinja backend in the project's settings renders (`"app_dirname": "templates", "match_extension":
 * ".html"` makes every app's `templates/**\/*.html` Jinja2).
 */
export function isJinjaPath(relativePath: string, root?: string): boolean {
  const lower = relativePath.toLowerCase();
  if (JINJA_EXTENSIONS.some((extension) => lower.endsWith(extension))) return true;
  if (!lower.endsWith(".html")) return false;
  return /(^|\/)jinja2\//.test(lower) || (root !== undefined && rendersTemplate(djangoJinjaTemplateDirs(root), relativePath));
}

/** Jinja2 templates (`{% if waffle.flag('x') %}`, `{{ waffle.switch('y') }}`): call accessors marked `jinja2`. */
export const jinja2Language: Language = {
  name: "jinja2",
  extensions: [...JINJA_EXTENSIONS, ".html"],
  accepts: isJinjaPath,
  include: ["**/jinja2/**/*.html", "**/*.{jinja,jinja2,j2}"],
  needles: (accessors) => [...jinjaAccessors(accessors).keys()],
  openScanSession: (options) => createFileScanSession(jinjaScanner, options),
  async loadCleanup(config) {
    return (await import("./cleanup.js")).createJinjaCleanup(config);
  },
};
