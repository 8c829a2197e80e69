// `npm run schema`: writes schema/flag-scan.schema.json from the config's TypeScript declarations
// (scripts/config-schema.ts). `--check` writes nothing and exits 1 when the committed file is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { createJiti } from "jiti";

const { generateConfigSchema, CONFIG_SCHEMA_FILE } = await createJiti(import.meta.url).import("./config-schema.ts");
const generated = generateConfigSchema();
if (process.argv.includes("--check")) {
  if (readFileSync(CONFIG_SCHEMA_FILE, "utf8") !== generated) {
    console.error(`${CONFIG_SCHEMA_FILE} is out of date with src/config/schema.ts: run \`npm run schema\``);
    process.exitCode = 1;
  }
} else {
  writeFileSync(CONFIG_SCHEMA_FILE, generated);
}
