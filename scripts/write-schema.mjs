// Writes schema/flag-scan.schema.json from the built config schema, so the published file never drifts.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../dist/src/config/json-schema.js";

writeFileSync(new URL("../schema/flag-scan.schema.json", import.meta.url), `${JSON.stringify(configJsonSchema, null, 2)}\n`);
