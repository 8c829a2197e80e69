import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "unknown-flag",
  description: "Require every checked flag to be defined in a registry",
  severity: "error",
  scope: "file",
  messages: {
    unknownFlag:
      "`{{flag}}` is not defined in any registry, so this check is always off; define the flag or remove the check with `flag-scan cleanup {{flag}} --value off`.",
  },
  *check({ references, registry }) {
    // Without any registry every flag would be unknown: that is a setup problem, not a finding per line.
    if (registry.sources.length === 0) return;
    for (const reference of references) {
      if (reference.flag !== undefined && !registry.bySlug.has(reference.flag)) {
        yield { messageId: "unknownFlag", flag: reference.flag, data: { flag: reference.flag }, at: reference };
      }
    }
  },
});
