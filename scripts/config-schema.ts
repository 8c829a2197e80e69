// Generates the config's JSON Schema from the TypeScript declarations in src/config/schema.ts, so the types
// are its one source. Dev-time only (ts-json-schema-generator is a devDependency): `npm run schema` writes
// the result to schema/flag-scan.schema.json, which the loader reads at run time, and the schema test
// regenerates it in memory to catch a committed file that no longer matches the types.
import { fileURLToPath } from "node:url";
import { createGenerator } from "ts-json-schema-generator";
import ts from "typescript";

export const CONFIG_TYPES_FILE = fileURLToPath(new URL("../src/config/schema.ts", import.meta.url));
export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL("../schema/flag-scan.schema.json", import.meta.url));
const SCHEMA_ID = "https://github.com/flag-scan/flag-scan/blob/main/schema/flag-scan.schema.json";

export interface GenerateOptions {
  /** The declarations to read. @default CONFIG_TYPES_FILE */
  file?: string;
  /** Contents to use instead of the file's (a test's edited copy of the types). */
  text?: string;
}

/** The schema text (2-space JSON and a final newline) that `UserConfig` and the types it uses give. */
export function generateConfigSchema(options: GenerateOptions = {}): string {
  const file = options.file ?? CONFIG_TYPES_FILE;
  // A program of the one file and the ES5 library (Array, Record, Exclude): the declarations import
  // nothing, and leaving out the project and @types keeps generation well under a second.
  const compilerOptions: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, lib: ["lib.es5.d.ts"], types: [], strict: true, noEmit: true };
  const host = ts.createCompilerHost(compilerOptions);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (options.text !== undefined && name === file ? options.text : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreate) =>
    options.text !== undefined && name === file
      ? ts.createSourceFile(name, options.text, language, true)
      : getSourceFile(name, language, onError, shouldCreate);
  const program = ts.createProgram([file], compilerOptions, host);
  const schema = createGenerator({
    tsProgram: program,
    path: file,
    type: "UserConfig",
    topRef: false,
    schemaId: SCHEMA_ID,
    // Every object rejects keys it does not declare: a typo is an error, not a silently ignored setting.
    additionalProperties: false,
  }).createSchema("UserConfig");
  return `${JSON.stringify(schema, null, 2)}\n`;
}
