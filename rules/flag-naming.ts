import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "flag-naming",
  description: "Require flag slugs to follow the naming pattern",
  severity: "warning",
  scope: "file",
  messages: {
    badName: "`{{flag}}` does not match the flag naming pattern `{{pattern}}`; rename the flag in code and registries.",
  },
  *check({ references, config }) {
    const pattern = config.naming.pattern;
    if (pattern === undefined) return;
    for (const reference of references) {
      if (reference.flag !== undefined && !pattern.test(reference.flag)) {
        yield { messageId: "badName", flag: reference.flag, data: { flag: reference.flag, pattern: pattern.source }, at: reference };
      }
    }
  },
});
