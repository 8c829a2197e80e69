import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "unused-flag",
  description: "Report flags that are defined but checked nowhere",
  severity: "warning",
  scope: "project",
  messages: {
    unusedFlag: "`{{flag}}` is defined in {{source}} but checked nowhere; delete the definition.",
  },
  *check({ references, registry, getLifecycle }) {
    const referenced = new Set(references.map((reference) => reference.flag));
    for (const [flag, definitions] of registry.bySlug) {
      if (referenced.has(flag) || getLifecycle(flag)?.permanent) continue;
      // Point at a definition a developer can delete: a code registry before an environment export.
      const definition = definitions.find((d) => d.source.environment === undefined) ?? definitions[0]!;
      yield {
        messageId: "unusedFlag",
        flag,
        data: { flag, source: definition.source.name },
        at: { file: definition.file, line: definition.line ?? 1, column: definition.column ?? 1 },
      };
    }
  },
});
