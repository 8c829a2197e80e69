import type { AccessorConfig } from "../schema.js";

/**
 * django-waffle's entry points for its three kinds of toggles. Flags: `flag_is_active(request, "x")` (also
 * `waffle.flag_is_active`, also `flag_name="x"`), `@waffle_flag("x")`, `{% flag "x" %}`, `WaffleFlagMixin`'s
 * `waffle_flag`, Jinja2's `waffle.flag('x')`. Switches (`kind: "switch"`, toggled at run time, never stale):
 * `switch_is_active("x")`, `@waffle_switch("x")`, `{% switch "x" %}`, `WaffleSwitchMixin`, `waffle.switch('x')`.
 * Samples (`kind: "sample"`): `sample_is_active("x")`, `{% sample "x" %}`, `WaffleSampleMixin`, `waffle.sample('x')`.
 * The `waffle`, `django-migrations` and `waffle-db` registries read switches and samples too.
 */
export const waffle: AccessorConfig[] = [
  { call: "flag_is_active", arg: 1, keyword: "flag_name" },
  { call: "switch_is_active", arg: 0, keyword: "switch_name", language: "python", kind: "switch" },
  { call: "sample_is_active", arg: 0, keyword: "sample_name", language: "python", kind: "sample" },
  { decorator: "waffle_flag", arg: 0 },
  { decorator: "waffle_switch", arg: 0, kind: "switch" },
  { templateTag: "flag" },
  { templateTag: "switch", kind: "switch" },
  { templateTag: "sample", kind: "sample" },
  { classAttribute: "waffle_flag", mixins: ["WaffleFlagMixin"] },
  { classAttribute: "waffle_switch", mixins: ["WaffleSwitchMixin"], kind: "switch" },
  { classAttribute: "waffle_sample", mixins: ["WaffleSampleMixin"], kind: "sample" },
  { call: "waffle.flag", arg: 0, language: "jinja2" },
  { call: "waffle.switch", arg: 0, language: "jinja2", kind: "switch" },
  { call: "waffle.sample", arg: 0, language: "jinja2", kind: "sample" },
];
