/** Files the TypeScript scanner parses (Vue and Svelte components as their `<script>` blocks, see sfc.ts). Kept apart from the scanner so callers can test paths without loading TypeScript. */
export const TYPESCRIPT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte"] as const;
