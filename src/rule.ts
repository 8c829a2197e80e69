import type { ResolvedConfig, Severity } from "./config/schema.js";
import type { FlagRegistry } from "./registry/definition.js";
import type { FlagLifecycle } from "./registry/staleness.js";
import type { FlagReference } from "./scan/reference.js";

/** Where a finding points: a reference's key, a registry entry, or nowhere (project-wide). */
export interface FindingLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** What a rule yields; the engine adds severity, message text and fingerprint. */
export interface RuleReport<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  flag?: string;
  at?: FindingLocation;
}

export interface RuleContext {
  /**
   * References to check. For a `file` rule run by ESLint: that file's; for the CLI: the whole project's.
   */
  references: readonly FlagReference[];
  registry: FlagRegistry;
  config: ResolvedConfig;
  /** `Date.now()` at scan start, so one scan agrees with itself. */
  now: number;
  /** What the registries say about a defined flag's state and age (cached per scan); undefined when not defined. */
  getLifecycle(flag: string): FlagLifecycle | undefined;
  /** Flags whose keys are quoted in files of languages flag-scan does not parse (a whole-project scan only). */
  readInUnparsedFiles?: ReadonlySet<string>;
}

export interface Rule<MessageId extends string = string> {
  /** Kebab-case noun, shared by CLI and ESLint (`flag-scan/<id>`). */
  id: string;
  description: string;
  severity: Severity;
  /**
   * `file`: findings depend only on one file's references plus the registries, so ESLint can run it.
   * `project`: needs every reference of the project (`unused-flag`).
   */
  scope: "file" | "project";
  messages: Record<MessageId, string>;
  /** Whether the rule can offer the cleanup rewrite as an ESLint suggestion. */
  hasSuggestions?: boolean;
  check(context: RuleContext): Iterable<RuleReport<MessageId>>;
}

/** Identity function that gives rule objects their types. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

/** Fills `{{name}}` placeholders, as ESLint does, so CLI and editor print the same sentence. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
