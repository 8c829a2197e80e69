import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "environment-drift",
  description: "Require checked flags to exist in every environment's registry",
  severity: "error",
  scope: "file",
  messages: {
    missingInEnvironment:
      "`{{flag}}` is defined in {{definedIn}} but missing from the `{{environment}}` registry ({{source}}), so this check is off in {{environment}}.",
  },
  *check({ references, registry }) {
    const environments = new Map<string, string[]>();
    for (const source of registry.sources) {
      if (source.environment === undefined) continue;
      const names = environments.get(source.environment);
      if (names === undefined) environments.set(source.environment, [source.name]);
      else names.push(source.name);
    }
    if (environments.size === 0) return;
    for (const reference of references) {
      const definitions = reference.flag === undefined ? undefined : registry.bySlug.get(reference.flag);
      if (!definitions || definitions.length === 0) continue;
      for (const [environment, sources] of environments) {
        if (definitions.some((definition) => definition.source.environment === environment)) continue;
        yield {
          messageId: "missingInEnvironment",
          flag: reference.flag,
          data: {
            flag: reference.flag!,
            environment,
            source: sources.join(", "),
            definedIn: [...new Set(definitions.map((definition) => definition.source.name))].join(", "),
          },
          at: reference,
        };
      }
    }
  },
});
