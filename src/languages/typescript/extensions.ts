/** Files the TypeScript scanner parses. Kept apart from the scanner so callers can test paths without loading TypeScript. */
export const TYPESCRIPT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;
