import { defineRule } from "../src/rule.js";

export default defineRule({
  id: "dynamic-flag-key",
  description: "Require flag keys that can be resolved statically",
  severity: "warning",
  scope: "file",
  messages: {
    dynamicKey:
      "The key `{{key}}` passed to `{{accessor}}` is computed at run time, so it cannot be checked or cleaned up; pass a literal or a constant.",
  },
  *check({ references }) {
    for (const reference of references) {
      if (reference.flag === undefined) {
        yield { messageId: "dynamicKey", data: { key: reference.keyText, accessor: reference.accessor }, at: reference };
      }
    }
  },
});
