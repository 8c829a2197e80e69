import { PROBLEM_MESSAGE, PROBLEM_MESSAGE_ID, reportProblemOnce } from "./problems.js";
import { redactDeep } from "../redact.js";
import type { Rule as ESLintRule } from "eslint";
import { parseSuppression } from "../ci/suppressions.js";
import { ruleDocsUrl } from "../docs-url.js";
import { getRuleSeverity } from "../engine.js";
import type { FindingLocation, Rule } from "../rule.js";
import { getFileScan, type FileScan } from "./project-cache.js";
import { removeFlagSuggestions } from "./suggestions.js";


/**
 * Turns a core rule with `scope: "file"` into an ESLint rule. The rule checks the same references the
 * CLI finds (the linted file's, scanned once for all rules), so editor and CI report the same findings.
 * Options live in the flag-scan config (naming.pattern, stale.maxAgeDays, nesting.maxDepth, rules), not in
 * the ESLint config, so both read one source; a rule the flag-scan config turns off reports nothing here either.
 */
export function toEslintRule(rule: Rule): ESLintRule.RuleModule {
  if (rule.scope !== "file") throw new Error(`flag-scan rule ${rule.id} needs the whole project and cannot run in ESLint`);
  return {
    meta: {
      type: rule.severity === "error" ? "problem" : "suggestion",
      docs: { description: rule.description, url: ruleDocsUrl(rule.id), recommended: true },
      messages: { ...rule.messages, [PROBLEM_MESSAGE_ID]: PROBLEM_MESSAGE },
      schema: [],
      ...(rule.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context) {
      // The file's scan is computed here, before ESLint walks the tree: a file whose text mentions no
      // accessor (most of a code base) then gets no listener at all from the six rules.
      let scan: ReturnType<typeof getFileScan>;
      try {
        scan = getFileScan(context);
      } catch (error) {
        // A flag-scan problem (bad config, malformed registry, crash) is one lint message, never an ESLint abort.
        return { Program: () => reportProblemOnce(context, error) };
      }
      if (!scan || getRuleSeverity(rule, scan.ruleContext.config) === "off") return {};
      const found = scan;
      return {
        Program() {
          try {
            check(found);
          } catch (error) {
            reportProblemOnce(context, error);
          }
        },
      };

      function check(scan: FileScan): void {
        for (const report of rule.check(scan.ruleContext)) {
          const at = report.at;
          if (!at || at.file !== scan.relativePath || isSuppressed(context, rule.id, at.line)) continue;
          const suggest = rule.hasSuggestions && report.flag !== undefined ? removeFlagSuggestions(context, rule, scan, report.flag) : [];
          context.report({
            messageId: report.messageId,
            ...(report.data ? { data: redactDeep(report.data) } : {}),
            loc: toEslintLocation(at),
            ...(suggest.length > 0 ? { suggest } : {}),
          });
        }
      }
    },
  };
}

type Position = { line: number; column: number };

/** flag-scan locations are 1-based with an exclusive end column; ESLint's `loc` columns are 0-based. */
function toEslintLocation(at: FindingLocation): Position | { start: Position; end: Position } {
  const start = { line: at.line, column: at.column - 1 };
  if (at.endLine === undefined || at.endColumn === undefined) return start;
  return { start, end: { line: at.endLine, column: at.endColumn - 1 } };
}

/** `// flag-scan-ignore-next-line <rule> -- reason` silences the CLI, so it silences the editor too. */
function isSuppressed(context: ESLintRule.RuleContext, ruleId: string, line: number): boolean {
  const previous = context.sourceCode.lines[line - 2];
  if (previous === undefined || !previous.includes("flag-scan-ignore-next-line")) return false;
  const directive = parseSuppression(previous, line - 1);
  return directive !== undefined && (directive.rules.length === 0 || directive.rules.includes(ruleId));
}
