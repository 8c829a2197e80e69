import type { AccessorConfig } from "../schema.js";

/**
 * Open edX's edx-toggles, a layer over django-waffle (enable it next to `waffle`): module-level definition
 * objects `X = WaffleSwitch("ns.x", __name__)` (also `module_name=__name__`, and an f-string of module
 * constants for the name), `WaffleFlag("ns.x", __name__)` and `CourseWaffleFlag`. (The deprecated `Legacy*`
 * classes take a namespace object first, whose name is not a constant: configure them yourself if yours are.) `X.is_enabled()` (`X.is_enabled(course_key)` for course flags) is a check of the
 * waffle row named by the full string (`"ns.x"`), so the `waffle`, `django-migrations` and `waffle-db`
 * registries match it. Switches carry `kind: "switch"`.
 */
export const edxToggles: AccessorConfig[] = [
  { definitionObject: "WaffleSwitch", kind: "switch" },
  { definitionObject: "WaffleFlag" },
  { definitionObject: "CourseWaffleFlag" },
];
