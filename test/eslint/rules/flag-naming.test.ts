import flagNaming from "../../../rules/flag-naming.js";
import { DEFAULT_PROJECT, runRuleTable } from "../rule-table.js";

// The `^ff_` convention applies when the config asks for it (or uses the flag-scan preset).
const FF_PROJECT = {
  ...DEFAULT_PROJECT,
  "flag-scan.config.json": JSON.stringify({ ...JSON.parse(DEFAULT_PROJECT["flag-scan.config.json"]!), naming: { pattern: "^ff_[a-z0-9_]+$" } }),
};

runRuleTable(flagNaming, {
  project: FF_PROJECT,
  valid: [{ code: 'if (isFeatureEnabled("ff_live")) render();' }, { code: 'if (isFeatureEnabled("ff_coming_soon_2")) render();' }],
  invalid: [
    {
      code: 'if (isFeatureEnabled("newSearch")) render();',
      errors: [{ messageId: "badName", data: { flag: "newSearch", pattern: "^ff_[a-z0-9_]+$" }, line: 1, column: 22, endLine: 1, endColumn: 33 }],
    },
    {
      code: "const on = isFeatureEnabled(`FF-Upper`);",
      filename: "src/on.js",
      errors: [{ messageId: "badName", data: { flag: "FF-Upper", pattern: "^ff_[a-z0-9_]+$" }, line: 1, column: 29, endLine: 1, endColumn: 39 }],
    },
  ],
});

// naming.pattern comes from the flag-scan config, for the CLI and the editor alike.
runRuleTable(flagNaming, {
  project: {
    ...DEFAULT_PROJECT,
    "flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json" }],
      naming: { pattern: "^[a-z][A-Za-z]+$" },
    }),
  },
  valid: [{ code: 'if (isFeatureEnabled("newSearch")) render();' }],
  invalid: [
    {
      code: 'if (isFeatureEnabled("ff_live")) render();',
      errors: [{ messageId: "badName", data: { flag: "ff_live", pattern: "^[a-z][A-Za-z]+$" }, line: 1, column: 22, endLine: 1, endColumn: 31 }],
    },
  ],
});

// With SDK presets and no naming.pattern, vendor key styles are not flagged.
runRuleTable(flagNaming, {
  project: {
    ...DEFAULT_PROJECT,
    "flag-scan.config.json": JSON.stringify({ presets: ["launchdarkly"], registry: [{ type: "json", path: "flags.json" }] }),
  },
  valid: [{ code: 'if (client.boolVariation("new-search", ctx, false)) render();' }],
  invalid: [],
});
