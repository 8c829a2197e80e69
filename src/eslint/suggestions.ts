import type { Rule as ESLintRule } from "eslint";
import { cleanupText } from "../languages/typescript/cleanup/rewrite.js";
import type { Rule } from "../rule.js";
import type { FileScan } from "./project-cache.js";

const KEEP = [
  { messageId: "removeKeepOn", value: true },
  { messageId: "removeKeepOff", value: false },
] as const;

/**
 * "Remove `ff_x` from this file, keeping the flag-on/off path": the cleanup codemod's rewrite of the
 * linted file only (other files and the registry entry are `flag-scan cleanup`'s job). A value whose
 * rewrite changes nothing (the check could not be removed safely) is not offered.
 * The rule must declare the `removeKeepOn` and `removeKeepOff` messages.
 */
export function removeFlagSuggestions(
  context: ESLintRule.RuleContext,
  rule: Rule,
  scan: FileScan,
  flag: string,
): ESLintRule.SuggestionReportDescriptor[] {
  const text = context.sourceCode.text;
  const references = scan.references.filter((reference) => reference.flag === flag);
  const suggestions: ESLintRule.SuggestionReportDescriptor[] = [];
  for (const { messageId, value } of KEEP) {
    if (!(messageId in rule.messages)) continue;
    const rewritten = getRewrite(text, context.filename, flag, value, () =>
      cleanupText({ text, fileName: context.filename, references, value, accessors: scan.ruleContext.config.accessors }).text,
    );
    if (rewritten === text) continue;
    suggestions.push({ messageId, data: { flag }, fix: (fixer) => fixer.replaceTextRange([0, text.length], rewritten) });
  }
  return suggestions;
}

/** One rewrite per file, flag and value, even when the flag is checked several times in the file. */
let lastRewrites: { text: string; file: string; results: Map<string, string> } | undefined;

function getRewrite(text: string, file: string, flag: string, value: boolean, rewrite: () => string): string {
  if (lastRewrites?.text !== text || lastRewrites.file !== file) lastRewrites = { text, file, results: new Map() };
  const key = `${value}\0${flag}`;
  let result = lastRewrites.results.get(key);
  if (result === undefined) {
    result = rewrite();
    lastRewrites.results.set(key, result);
  }
  return result;
}
