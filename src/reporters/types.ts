import type { Severity } from "../config/schema.js";
import type { ScanResult } from "../result.js";

/** What a reporter needs to know about a rule; taken from `rules/index.ts` by the caller. */
export interface RuleMetadata {
  /** Kebab-case rule id (`unknown-flag`). */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  /** Default severity. */
  severity: Severity;
  /** Where the rule is documented. @default `rules/<id>.md` on GitHub */
  docsUrl?: string;
}

/** Settings shared by every reporter. */
export interface ReporterOptions {
  /**
   * Use ANSI colours (text reporter only).
   * @default false
   */
  color?: boolean;
  /**
   * Metadata of the rules that ran, for SARIF rule descriptors and Markdown headings.
   * @default []
   */
  rules?: readonly RuleMetadata[];
  /**
   * flag-scan's version, for the SARIF `tool.driver.version`.
   * @default undefined (omitted)
   */
  toolVersion?: string;
  /**
   * File that findings about the whole project (no file of their own) point at in formats that require
   * a location: SARIF (GitHub code scanning rejects a whole upload over one result without a location)
   * and GitLab Code Quality. Relative to the project root, with `/`; usually the config file.
   * @default the project root directory itself
   * @example "flag-scan.config.json"
   */
  projectFile?: string;
  /**
   * Absolute repository root (git's top level, or `$GITHUB_WORKSPACE`), for formats whose consumers
   * resolve paths against the checkout: GitHub annotations, SARIF, GitLab Code Quality, and links to the
   * repository. The CLI finds it with `findRepositoryRoot`.
   * @default the project root (`result.root`)
   */
  repositoryRoot?: string;
  /**
   * Web address of the repository's files at the scanned revision, so reports link to lines
   * (`https://github.com/acme/shop/blob/main`). Without it the HTML report links files relatively and
   * the Markdown report prints plain locations.
   * @default undefined
   * @example "https://github.com/acme/shop/blob/main"
   */
  repositoryUrl?: string;
  /**
   * Absolute directory the report is written to, so the HTML report's file links are relative to it.
   * @default the project root
   */
  reportDirectory?: string;
  /**
   * Owners of flags whose registries name none, by flag: from CODEOWNERS for the flag's definition
   * (found by the CLI with `readCodeowners`). Shown marked as such.
   * @default {}
   */
  owners?: Readonly<Record<string, string>>;
  /**
   * Columns the text report fits in: longer messages wrap under themselves (the CLI passes the terminal's
   * width when stdout is one).
   * @default 100
   */
  width?: number;
}

/** Turns a scan result into the text of one output format. Pure: writes nothing. */
export type Reporter = (result: ScanResult, options: ReporterOptions) => string;

export { ruleDocsUrl } from "../docs-url.js";
