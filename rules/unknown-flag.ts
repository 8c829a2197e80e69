import { defineRule } from "../src/rule.js";

export default defineRule<"unknownFlag" | "otherKind">({
  id: "unknown-flag",
  description: "Require every checked flag to be defined in a registry",
  severity: "error",
  scope: "file",
  messages: {
    unknownFlag:
      "`{{flag}}`{{asKind}} is not defined in any registry, so this check is always off; define the {{kind}} or remove the check with `flag-scan cleanup {{flag}} --value off`.",
    otherKind:
      "`{{flag}}` is checked as a {{kind}} but the registries define it as a {{defined}}, so this check is always off; check it with the {{defined}} accessor or define the {{kind}}.",
  },
  *check({ references, registry }) {
    // Without any registry every flag would be unknown: that is a setup problem, not a finding per line.
    if (registry.sources.length === 0) return;
    for (const reference of references) {
      if (reference.flag === undefined) continue;
      const kind = reference.flagKind ?? "flag";
      const definitions = registry.bySlug.get(reference.flag) ?? [];
      const data = { flag: reference.flag, kind, asKind: kind === "flag" ? "" : ` (a ${kind})` };
      if (definitions.length === 0) {
        // A test that makes the row itself checks a flag that exists for it.
        if (reference.createdHere) continue;
        yield { messageId: "unknownFlag", flag: reference.flag, data, at: reference };
        continue;
      }
      // A definition that names no kind (a constants file) fits any check; waffle's tables do name one.
      if (definitions.some((definition) => (definition.kind ?? kind) === kind)) continue;
      yield { messageId: "otherKind", flag: reference.flag, data: { ...data, defined: definitions[0]!.kind ?? "flag" }, at: reference };
    }
  },
});
