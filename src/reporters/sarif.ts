import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPOSITORY_URL } from "../docs-url.js";
import type { Finding } from "../result.js";
import type { ScanError } from "../scan/reference.js";
import { collectRules, compareFindings, docsUrlOf } from "./shared.js";
import type { Reporter } from "./types.js";

/** Versioned key, so a future change of the fingerprint recipe cannot be mistaken for the old one. */
const FINGERPRINT_KEY = "flagScanFingerprint/v1";

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run with rule descriptors,
 * locations, `partialFingerprints` so a finding is tracked across commits, suppressed findings marked
 * as such, and scan errors as tool notifications.
 * Locations are absolute `file:` URIs, as ESLint's SARIF formatter writes them: the project root may be a
 * subdirectory of the repository, and code scanning makes absolute URIs relative to the checkout.
 */
export const sarifReporter: Reporter = (result, options) => {
  const rules = collectRules(result, options);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const driver: Record<string, unknown> = {
    name: "flag-scan",
    ...(options.toolVersion !== undefined && { version: options.toolVersion }),
    informationUri: REPOSITORY_URL,
    rules: rules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: rule.description },
      helpUri: docsUrlOf(rule),
      defaultConfiguration: { level: rule.severity },
    })),
  };
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((error) => notification(result.root, error)),
          },
        ],
        results: [...result.findings].sort(compareFindings).map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule)!,
          level: finding.severity,
          message: { text: finding.message },
          locations: [
            finding.file === undefined
              ? projectLocation(result.root, options.projectFile)
              : location(result.root, finding.file, finding),
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
          ...(finding.suppressed && { suppressions: [suppression(finding.suppressed)] }),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};

function location(root: string, file: string, at: Pick<Finding, "line" | "column" | "endLine" | "endColumn">) {
  const region: Record<string, number> = {};
  if (at.line !== undefined) {
    region.startLine = at.line;
    if (at.column !== undefined) region.startColumn = at.column;
    if (at.endLine !== undefined) region.endLine = at.endLine;
    if (at.endColumn !== undefined) region.endColumn = at.endColumn;
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(root, file) },
      ...(at.line !== undefined && { region }),
    },
  };
}

/** Where a project-wide finding points: the project file when given, else the root directory. */
function projectLocation(root: string, projectFile: string | undefined) {
  if (projectFile !== undefined) return location(root, projectFile, {});
  const href = pathToFileURL(root).href;
  return { physicalLocation: { artifactLocation: { uri: href.endsWith("/") ? href : `${href}/` } } };
}

function notification(root: string, error: ScanError) {
  return {
    level: "error",
    message: { text: error.message },
    locations: [location(root, error.file, error)],
  };
}

function suppression(suppressed: NonNullable<Finding["suppressed"]>) {
  return suppressed.kind === "inline"
    ? { kind: "inSource", ...(suppressed.reason !== undefined && { justification: suppressed.reason }) }
    : { kind: "external", justification: "Accepted in the flag-scan baseline" };
}

/** `file:` URI of a project file; `pathToFileURL` percent-encodes spaces, `#` and non-ASCII. */
function fileUri(root: string, file: string): string {
  return pathToFileURL(join(root, file)).href;
}
