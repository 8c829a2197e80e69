import type { AccessorConfig } from "../schema.js";

/**
 * django-waffle's entry points for its three kinds of toggles. Flags: `flag_is_active(request, "x")` (also
 * `waffle.flag_is_active`, also `flag_name="x"`), `@waffle_flag("x")`, `{% flag "x" %}`, `WaffleFlagMixin`'s
 * `waffle_flag`, Jinja2's `waffle.flag('x')`. Switches (`kind: "switch"`, toggled at run time, never stale):
 * `switch_is_active("x")`, `@waffle_switch("x")`, `{% switch "x" %}`, `WaffleSwitchMixin`, `waffle.switch('x')`.
 * Samples (`kind: "sample"`): `sample_is_active("x")`, `{% sample "x" %}`, `WaffleSampleMixin`, `waffle.sample('x')`.
 * ORM reads of the models: `Flag.get(X).is_active(request)` (also `get_waffle_flag_model().get(X)`),
 * `Switch.get(X).is_active()`, `Switch.objects.get(name=X).active`, and `Flag`/`Switch`/`Sample.objects.filter(name=X)`
 * or `.get(name=X)` (a use of the row, which the cleanup leaves to be changed by hand; in data migrations
 * these are the `django-migrations` registry's rows, not reads).
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
  { call: "Flag.get", arg: 0, property: "is_active", language: "python" },
  { call: "get_waffle_flag_model().get", arg: 0, property: "is_active", language: "python" },
  { call: "Switch.get", arg: 0, property: "is_active", language: "python", kind: "switch" },
  { call: "Sample.get", arg: 0, property: "is_active", language: "python", kind: "sample" },
  { call: "Switch.objects.get", keyword: "name", property: "active", language: "python", kind: "switch" },
  { call: "Flag.objects.filter", keyword: "name", language: "python" },
  { call: "Flag.objects.get", keyword: "name", language: "python" },
  { call: "get_waffle_flag_model().objects.filter", keyword: "name", language: "python" },
  { call: "get_waffle_flag_model().objects.get", keyword: "name", language: "python" },
  { call: "Switch.objects.filter", keyword: "name", language: "python", kind: "switch" },
  { call: "Switch.objects.get", keyword: "name", language: "python", kind: "switch" },
  { call: "Sample.objects.filter", keyword: "name", language: "python", kind: "sample" },
  { call: "Sample.objects.get", keyword: "name", language: "python", kind: "sample" },
];
