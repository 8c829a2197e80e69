import environmentDrift from "../../../rules/environment-drift.js";
import { DEFAULT_PROJECT, runRuleTable } from "../rule-table.js";

const missing = { flag: "ff_staging_only", definedIn: "catalog", environment: "production", source: "production" };

runRuleTable(environmentDrift, {
  valid: [
    { code: 'if (isFeatureEnabled("ff_live")) render();' },
    // Unknown flags are unknown-flag's finding, not drift.
    { code: 'if (isFeatureEnabled("ff_coming_soon")) render();' },
  ],
  invalid: [
    {
      code: 'export function Page() {\n  return isFeatureEnabled("ff_staging_only") ? <New /> : <Old />;\n}',
      errors: [{ messageId: "missingInEnvironment", data: missing, line: 2, column: 27, endLine: 2, endColumn: 44 }],
    },
    {
      code: 'export const el = <Feature flag="ff_staging_only"><New /></Feature>;',
      errors: [{ messageId: "missingInEnvironment", data: missing, line: 1, column: 33, endLine: 1, endColumn: 50 }],
    },
  ],
});

// Without any registry that carries an environment there is nothing to drift from.
runRuleTable(environmentDrift, {
  project: {
    ...DEFAULT_PROJECT,
    "flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json", name: "catalog" }],
    }),
  },
  valid: [{ code: 'if (isFeatureEnabled("ff_staging_only")) render();' }],
  invalid: [],
});
