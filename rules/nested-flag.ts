import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "nested-flag",
  description: "Report flags checked inside a branch of another flag, or combined with it in one condition",
  severity: "warning",
  scope: "file",
  messages: {
    nestedFlag:
      "`{{flag}}` is checked under `{{outer}}` (line {{outerLine}}): nesting depth {{depth}}, at most {{maxDepth}}; every combination is an application state to test, so retire one of the flags first.",
  },
  *check({ references, config }) {
    for (const reference of references) {
      if (reference.flag === undefined || reference.guards.length === 0) continue;
      const depth = reference.guards.length + 1;
      if (depth <= config.nesting.maxDepth) continue;
      const outer = reference.guards[reference.guards.length - 1]!;
      yield {
        messageId: "nestedFlag",
        flag: reference.flag,
        data: { flag: reference.flag, outer: outer.flag, outerLine: outer.line, depth, maxDepth: config.nesting.maxDepth },
        at: reference,
      };
    }
  },
});
