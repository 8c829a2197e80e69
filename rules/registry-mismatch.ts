import type { ResolvedRegistrySource } from "../src/config/schema.js";
import type { FlagDefinition } from "../src/registry/definition.js";
import { defineRule, type RuleReport } from "../src/rule.js";

export default defineRule({
  id: "registry-mismatch",
  description: "Require registries declared as mirrors (`mirrors`) to define the same flags",
  severity: "warning",
  scope: "project",
  messages: {
    missingFromMirror:
      "`{{flag}}` is defined in {{definedIn}} but missing from {{missingFrom}}, which must mirror it; add it there or delete it here.",
    constantMismatch:
      "`{{flag}}` is `{{constant}}` in {{source}} but `{{otherConstant}}` in {{otherSource}}; use one name in both.",
  },
  *check({ registry, config }): Generator<RuleReport<"missingFromMirror" | "constantMismatch">> {
    for (const group of config.mirrors) {
      const sources = group.sources
        .map((ref) => registry.sources.find((source) => (typeof ref === "number" ? source.index === ref : source.name === ref)))
        .filter((source): source is ResolvedRegistrySource => source !== undefined);
      if (sources.length < 2) continue;
      // slug -> its definition in each source of the group (first one per source).
      const bySource = new Map<string, Map<number, FlagDefinition>>();
      for (const definitions of registry.bySlug.values())
        for (const definition of definitions) {
          if (!sources.some((source) => source.index === definition.source.index)) continue;
          const perSource = bySource.get(definition.flag) ?? new Map<number, FlagDefinition>();
          if (!perSource.has(definition.source.index)) perSource.set(definition.source.index, definition);
          bySource.set(definition.flag, perSource);
        }
      for (const [flag, perSource] of bySource) {
        const present = sources.filter((source) => perSource.has(source.index));
        const missing = sources.filter((source) => !perSource.has(source.index));
        if (missing.length > 0) {
          for (const source of present) {
            const definition = perSource.get(source.index)!;
            yield {
              messageId: "missingFromMirror",
              flag,
              data: { flag, definedIn: source.name, missingFrom: missing.map((m) => m.name).join(", ") },
              at: { file: definition.file, line: definition.line ?? 1, column: definition.column ?? 1 },
            };
          }
          continue;
        }
        if (!group.compareConstants) continue;
        const [first, ...others] = present.map((source) => perSource.get(source.index)!);
        const name = (definition: FlagDefinition) => definition.constant?.split(".").pop();
        for (const other of others) {
          if (name(first!) === undefined || name(other) === undefined || name(first!) === name(other)) continue;
          yield {
            messageId: "constantMismatch",
            flag,
            data: { flag, constant: name(other)!, source: other.source.name, otherConstant: name(first!)!, otherSource: first!.source.name },
            at: { file: other.file, line: other.line ?? 1, column: other.column ?? 1 },
          };
        }
      }
    }
  },
});
