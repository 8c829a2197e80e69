import nestedFlag from "../../../rules/nested-flag.js";
import { DEFAULT_PROJECT, runRuleTable } from "../rule-table.js";

runRuleTable(nestedFlag, {
  valid: [
    { code: 'if (isFeatureEnabled("ff_live")) render();\nif (isFeatureEnabled("ff_expired")) other();' },
    { code: 'const on = isFeatureEnabled("ff_live") || ready;' },
  ],
  invalid: [
    {
      code: 'if (isFeatureEnabled("ff_live")) {\n  if (isFeatureEnabled("ff_expired")) render();\n}',
      errors: [
        {
          messageId: "nestedFlag",
          data: { flag: "ff_expired", outer: "ff_live", outerLine: 1, depth: 2, maxDepth: 1 },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 36,
        },
      ],
    },
    {
      code: 'export const el = isFeatureEnabled("ff_live") && isFeatureEnabled("ff_expired") && <New />;',
      errors: [
        {
          messageId: "nestedFlag",
          data: { flag: "ff_expired", outer: "ff_live", outerLine: 1, depth: 2, maxDepth: 1 },
          line: 1,
          column: 67,
          endLine: 1,
          endColumn: 79,
        },
      ],
    },
    {
      code: 'export const el = (\n  <Feature flag="ff_live">\n    {isFeatureEnabled("ff_expired") && <New />}\n  </Feature>\n);',
      errors: [
        {
          messageId: "nestedFlag",
          data: { flag: "ff_expired", outer: "ff_live", outerLine: 2, depth: 2, maxDepth: 1 },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 35,
        },
      ],
    },
  ],
});

// nesting.maxDepth: 2 allows one flag inside another, and reports the third level.
runRuleTable(nestedFlag, {
  project: {
    ...DEFAULT_PROJECT,
    "flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json" }],
      nesting: { maxDepth: 2 },
    }),
  },
  valid: [{ code: 'if (isFeatureEnabled("ff_live")) {\n  if (isFeatureEnabled("ff_expired")) render();\n}' }],
  invalid: [
    {
      code: 'if (isFeatureEnabled("ff_live")) {\n  if (isFeatureEnabled("ff_expired")) {\n    if (isFeatureEnabled("ff_staging_only")) render();\n  }\n}',
      errors: [
        {
          messageId: "nestedFlag",
          data: { flag: "ff_staging_only", outer: "ff_expired", outerLine: 2, depth: 3, maxDepth: 2 },
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
  ],
});
