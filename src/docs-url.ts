/** The project's home: every link flag-scan prints (rule docs, SARIF, the JSON Schema) starts here. */
export const REPOSITORY_URL = "https://github.com/flag-scan/flag-scan";

/** Where a file of the repository is read online (`docs/ci.md#inline-suppressions`). */
export function docsUrl(pathInRepository: string): string {
  return `${REPOSITORY_URL}/blob/main/${pathInRepository}`;
}

/** Where a rule is documented. */
export function ruleDocsUrl(ruleId: string): string {
  return docsUrl(`rules/${ruleId}.md`);
}
