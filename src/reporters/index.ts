import { githubReporter } from "./github.js";
import { gitlabReporter } from "./gitlab.js";
import { htmlReporter } from "./html.js";
import { jsonReporter } from "./json.js";
import { markdownReporter } from "./markdown.js";
import { sarifReporter } from "./sarif.js";
import { textReporter } from "./text.js";
import type { Reporter } from "./types.js";

export type { Reporter, ReporterOptions, RuleMetadata } from "./types.js";
export { ruleDocsUrl } from "./types.js";

/** Every output format by its `--format` name. */
export const reporters = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter,
  gitlab: gitlabReporter,
  html: htmlReporter,
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

/** Whether `name` is a known `--format`. */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
