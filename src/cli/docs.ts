/** Where `--help` sends people for more: the README, and each command's section of it. */
export const DOCS_URL = "https://github.com/flag-scan/flag-scan#readme";

export function docsEpilog(section?: string): string {
  return `Docs: ${section ? `https://github.com/flag-scan/flag-scan#${section}` : DOCS_URL}`;
}
