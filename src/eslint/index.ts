import type { ESLint, Linter } from "eslint";
import * as typescriptParser from "@typescript-eslint/parser";
import { readPackageVersion } from "../version.js";
import { allRules } from "../../rules/index.js";
import { startLoadingEarly } from "./project-cache.js";
import { toEslintRule } from "./to-eslint-rule.js";
import { recommendedSeverities } from "./config-severities.js";

export type { FlagScanSettings } from "./project-cache.js";
export { preloadProject } from "./project-cache.js";

/** The file extensions the TypeScript/JavaScript scanner reads, as flat-config globs. */
const FILES = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];

/** Rules that need one file's references only; `unused-flag` needs the whole project and stays in the CLI. */
const fileRules = allRules.filter((rule) => rule.scope === "file");

const plugin = {
  meta: { name: "flag-scan", version: readPackageVersion() },
  rules: Object.fromEntries(fileRules.map((rule) => [rule.id, toEslintRule(rule)])),
  configs: {} as Record<"recommended", Linter.Config>,
} satisfies ESLint.Plugin;

/**
 * Every per-file rule at the severity the flag-scan config sets (else the CLI's default), and @typescript-eslint/parser for TS/JS files.
 * The plugin re-reads the file's text itself, so any parser that accepts the file works: to keep your own
 * parser (typescript-eslint's configs with type information, Babel), list your parser config after this
 * one; flat config merges objects in order and the later `languageOptions.parser` wins.
 */
plugin.configs.recommended = {
  name: "flag-scan/recommended",
  files: FILES,
  plugins: { "flag-scan": plugin },
  languageOptions: { parser: typescriptParser },
  rules: recommendedSeverities(fileRules),
};

// ESLint imports its config (and so this plugin) before it lists and parses files: the project load starts now.
startLoadingEarly();

export default plugin;
