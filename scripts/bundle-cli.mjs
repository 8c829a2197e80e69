// `npm run build`, after tsc: bundles what the `flag-scan` bin runs (dist/src/cli/entry.js and the
// modules it imports, eagerly or lazily) into one CommonJS file, dist/bundle/cli.cjs. Node 20 has no
// compile cache for ES modules, and resolving, reading and linking the 85 modules a cached scan needs
// was the largest part of its start-up; one file loads in a fraction of that. npm packages stay
// external (but see `externalPackages`) and load when first used, as before. The worker threads, the ESLint plugin and the library
// API keep running dist/src: only the bin changes.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const outfile = path.join(root, "dist", "bundle", "cli.cjs");

/**
 * Two rewrites of each bundled module of dist/src:
 * - `import.meta.url` becomes the URL of the module's own file in dist/src, so what it names relative to
 *   itself (the scan worker, package.json, `createRequire` resolution) is found where it was.
 * - `import(...)` becomes `__flagScanImport(...)`, the bin's own `import()`. The bin compiles the bundle
 *   through a V8 code cache (a `vm.Script`: src/code-cache.cts), and on Node 20 code compiled that way has
 *   no loader for `import()` ("A dynamic import callback was not specified"); the bin's function, compiled
 *   by Node's own loader, has. Only imports of packages and absolute URLs, which resolve the same from bin/
 *   as from dist/: esbuild bundles a module's `import("./relative.js")` itself.
 */
const distSourceRewrites = {
  name: "dist-src-rewrites",
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.c?js$/ }, async ({ path: file }) => {
      const relative = path.relative(path.dirname(outfile), file).split(path.sep).join("/");
      const code = (await readFile(file, "utf8"))
        .replaceAll("import.meta.url", `__flagScanModuleUrl(${JSON.stringify(relative)})`)
        // Not a method (`jiti.import(`), a longer name, or a relative path.
        .replace(/(?<![\w$.])import\((?!\s*["'`]\.\.?\/)/g, "__flagScanImport(");
      return { contents: code, loader: "js" };
    });
  },
};

/**
 * npm packages stay external, loaded by `require` (or `import()`) when first used, except those a static
 * `import` takes from a package that is ES modules only (magic-string): `require` would hand back its
 * namespace where the `import` gets the default export, so those are bundled.
 */
const externalPackages = {
  name: "external-commonjs-packages",
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer, kind }) => {
      // `import()` keeps ES module semantics at run time: always external.
      if (isBuiltin(specifier) || kind === "dynamic-import") return { path: specifier, external: true };
      let resolved;
      try {
        resolved = createRequire(importer).resolve(specifier);
      } catch {
        return undefined;
      }
      return /\.mjs$/.test(resolved) || isModuleFile(resolved) ? undefined : { path: specifier, external: true };
    });
  },
};

/** Whether a `.js` file is an ES module by its package's `type`. */
function isModuleFile(file) {
  if (!file.endsWith(".js")) return false;
  for (let directory = path.dirname(file); directory !== path.dirname(directory); directory = path.dirname(directory)) {
    try {
      return JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8")).type === "module";
    } catch {
      // No package.json here: ask the directory above.
    }
  }
  return false;
}

/**
 * A CommonJS module of dist/src imported by default (`import ts from "./typescript-api.cjs"`, in 44
 * modules) goes through one ES-module shim: esbuild wraps such an import per importer, copying every
 * export as a getter, and TypeScript has thousands (46 ms of a one-file cached scan, 44 copies).
 */
const oneWrapperPerCommonJsModule = {
  name: "one-wrapper-per-commonjs-module",
  setup(bundler) {
    bundler.onResolve({ filter: /\.cjs$/ }, ({ path: specifier, importer, namespace, kind }) => {
      if (namespace === "commonjs-default" || kind !== "import-statement" || !/[\\/]dist[\\/]src[\\/]/.test(importer) || importer.endsWith(".cjs")) return undefined;
      return { path: path.resolve(path.dirname(importer), specifier), namespace: "commonjs-default" };
    });
    bundler.onLoad({ filter: /.*/, namespace: "commonjs-default" }, ({ path: file }) => ({
      contents: `import value from ${JSON.stringify(file)};\nexport default value;\nexport * from ${JSON.stringify(file)};\n`,
      resolveDir: path.dirname(file),
      loader: "js",
    }));
  },
};

await build({
  entryPoints: [path.join(root, "dist", "src", "cli", "entry.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  banner: { js: 'const __flagScanModuleUrl = (relative) => require("node:url").pathToFileURL(require("node:path").join(__dirname, relative)).href;' },
  plugins: [externalPackages, oneWrapperPerCommonJsModule, distSourceRewrites],
  // For crash reports only (src/internal-error.ts maps a bundle position back to its module): Node reads
  // the map when a crash is reported, never on a normal run.
  sourcemap: "external",
  sourcesContent: false,
  logLevel: "warning",
});
