import { ConfigError } from "./errors.js";

/**
 * The packages only some configs need, with what needs them. They are optional peer dependencies:
 * a frontend-only install has no database driver, no Python grammar and one TypeScript (README, Install).
 */
export const OPTIONAL_PACKAGES = {
  pg: "a waffle-db registry with a PostgreSQL url",
  "sql.js": "a waffle-db registry with a SQLite file",
  "web-tree-sitter": "scanning or cleaning up Python (python accessors, python/waffle/django-migrations registries)",
  "tree-sitter-python": "scanning or cleaning up Python (python accessors, python/waffle/django-migrations registries)",
  "ts-morph": "typeInformation: true",
  "@typescript-eslint/parser": "the ESLint plugin (flag-scan/eslint)",
} as const;

export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/** Whether `error` says that `name` (or a file inside it) could not be found. */
export function isMissingPackage(error: unknown, name: string): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  const message = String((error as Error).message);
  return message.includes(`'${name}'`) || message.includes(`'${name}/`) || message.includes(`"${name}"`) || message.includes(`/node_modules/${name}/`);
}

/** The error to throw when a config needs a package that is not installed: one line, naming the package. */
export function missingPackageError(name: OptionalPackage): ConfigError {
  return new ConfigError(`${OPTIONAL_PACKAGES[name]} needs the optional package ${name}, which is not installed`, `run: npm install --save-dev ${name}`);
}

/**
 * Runs `load` (a dynamic import of an optional package, or of a module that imports one); a missing
 * package becomes `missingPackageError`, anything else is rethrown.
 */
export async function loadOptional<T>(name: OptionalPackage, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, name)) throw missingPackageError(name);
    throw error;
  }
}

/** `require.resolve` of a file in an optional package, with the same error when it is missing. */
export function resolveOptional(name: OptionalPackage, resolve: () => string): string {
  try {
    return resolve();
  } catch (error) {
    if (isMissingPackage(error, name)) throw missingPackageError(name);
    throw error;
  }
}
