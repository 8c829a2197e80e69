import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "unused-flag",
  description: "Report flags that are defined but checked nowhere",
  severity: "warning",
  scope: "project",
  messages: {
    unusedFlag: "`{{flag}}` is defined in {{source}} but checked nowhere; delete the definition.",
  },
  *check({ references, registry, getLifecycle, readInUnparsedFiles }) {
    const referenced = new Set(references.map((reference) => reference.flag));
    for (const [flag, definitions] of registry.bySlug) {
      // A key quoted in a Go, Java or Ruby file is read by code flag-scan does not parse.
      if (referenced.has(flag) || readInUnparsedFiles?.has(flag) || getLifecycle(flag)?.permanent) continue;
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
