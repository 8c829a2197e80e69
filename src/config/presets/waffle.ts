import type { AccessorConfig } from "../schema.js";

/**
 * django-waffle's flag entry points: `flag_is_active(request, "x")` (also `waffle.flag_is_active`,
 * also `flag_name="x"`), `@waffle_flag("x")`, `{% flag "x" %}` and `WaffleFlagMixin`'s `waffle_flag`.
 * Switches and samples are left out on purpose: they live in other tables (`waffle_switch`,
 * `waffle_sample`) that no flag registry lists, so every switch would read as an unknown flag. Add
 * `{ "call": "switch_is_active", "arg": 0 }` or `{ "templateTag": "switch" }` to `accessors` to track them.
 */
export const waffle: AccessorConfig[] = [
  { call: "flag_is_active", arg: 1, keyword: "flag_name" },
  { decorator: "waffle_flag", arg: 0 },
  { templateTag: "flag" },
  { classAttribute: "waffle_flag", mixins: ["WaffleFlagMixin"] },
];
