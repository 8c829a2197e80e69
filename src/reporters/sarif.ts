import { pathToFileURL } from "node:url";
import { REPOSITORY_URL } from "../docs-url.js";
import type { Finding, ScanResult } from "../result.js";
import type { ScanError } from "../scan/reference.js";
import { collectRules, compareFindings, docsUrlOf, repositoryPath } from "./shared.js";
import type { Reporter, ReporterOptions } from "./types.js";

/** Versioned key, so a future change of the fingerprint recipe cannot be mistaken for the old one. */
const FINGERPRINT_KEY = "flagScanFingerprint/v1";

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run with rule descriptors,
 * locations, `partialFingerprints` so a finding is tracked across commits, suppressed findings marked
 * as such, and scan errors as tool notifications.
 * Locations are relative to the repository root (`options.repositoryRoot`, else the project root) with
 * `uriBaseId: "%SRCROOT%"`, whose absolute `file:` URI the run's `originalUriBaseIds` gives: a project in
 * a subdirectory of the repository is placed right, and the log does not depend on where it was checked out.
 */
export const sarifReporter: Reporter = (result, options) => {
  const at = (file: string, position: Pick<Finding, "line" | "column" | "endLine" | "endColumn">) => location(result, options, file, position);
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
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.repositoryRoot ?? result.root) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((error) => notification(error, at)),
          },
        ],
        results: [...result.findings].sort(compareFindings).map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule)!,
          level: finding.severity,
          message: { text: finding.message },
          locations: [
            finding.file === undefined ? at(options.projectFile ?? ".", {}) : at(finding.file, finding),
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
          ...(finding.suppressed && { suppressions: [suppression(finding.suppressed)] }),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};

/** The base every artifact URI is relative to; `originalUriBaseIds` says where it is. */
const SRCROOT = "%SRCROOT%";

function location(
  result: ScanResult,
  options: ReporterOptions,
  file: string,
  at: Pick<Finding, "line" | "column" | "endLine" | "endColumn">,
) {
  const region: Record<string, number> = {};
  if (at.line !== undefined) {
    region.startLine = at.line;
    if (at.column !== undefined) region.startColumn = at.column;
    if (at.endLine !== undefined) region.endLine = at.endLine;
    if (at.endColumn !== undefined) region.endColumn = at.endColumn;
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(repositoryPath(result, options, file)), uriBaseId: SRCROOT },
      ...(at.line !== undefined && { region }),
    },
  };
}

type Locate = (file: string, position: Pick<Finding, "line" | "column" | "endLine" | "endColumn">) => ReturnType<typeof location>;

function notification(error: ScanError, at: Locate) {
  return {
    level: "error",
    message: { text: error.message },
    locations: [at(error.file, error)],
  };
}

function suppression(suppressed: NonNullable<Finding["suppressed"]>) {
  return suppressed.kind === "inline"
    ? { kind: "inSource", ...(suppressed.reason !== undefined && { justification: suppressed.reason }) }
    : { kind: "external", justification: "Accepted in the flag-scan baseline" };
}

/** A relative URI reference for a `/`-separated path, each segment percent-encoded (spaces, `#`, non-ASCII); `.` is the base itself. */
function relativeUri(path: string): string {
  if (path === ".") return "./";
  return path.split("/").map(encodeURIComponent).join("/");
}

/** `file:` URI of a directory, with the trailing slash SARIF requires of a base URI. */
function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith("/") ? href : `${href}/`;
}
