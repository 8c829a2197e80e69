// The scanner's and the registry loader's door to TypeScript's compiler API.
//
// A CommonJS file on purpose: an ESM `import ts from "typescript"` makes Node lex the 9 MB CommonJS source for
// its named exports before running it (0.1 to 0.25 s on every thread that loads it); `require` does not.
//
// It is the npm `typescript` package, the one @typescript-eslint/parser loads too: in an ESLint process the
// plugin then works on the syntax tree ESLint already built instead of parsing the file a second time.
// ts-morph (the cleanup) bundles its own copy of the same minor version; `shareWithTsMorph` hands it this one,
// so a process that scans and rewrites holds one TypeScript, not two.
// Compiled through a V8 code cache when it can be (the next `require` then finds it loaded).
import { preloadTypeScript } from "./typescript-code-cache.cjs";
preloadTypeScript();
import ts = require("typescript");
import { shareWithTsMorph } from "./share-typescript.cjs";

shareWithTsMorph(ts);

export = ts;
