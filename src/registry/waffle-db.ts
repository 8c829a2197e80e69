import { assertInsideRoot } from "./files.js";
import { redact, registerSecret } from "../redact.js";
import { MAX_DATABASE_BYTES, readBoundedFile } from "../read-file.js";
import { loadOptional, resolveOptional } from "../optional-dependency.js";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { ResolvedRegistrySource } from "../config/schema.js";
import { ConfigError, RegistryError } from "../errors.js";
import type { FlagDefinition, FlagMetadata, RegistryLoadResult } from "./definition.js";
import type { DocEntry } from "./document.js";
import { waffleState } from "./entries.js";
import { relativeToRoot } from "./files.js";
import type { RegistryLoadContext } from "./loader.js";

const require = createRequire(import.meta.url);

/** A row of `waffle_flag` (plus how many groups and users it targets); older waffle versions lack some columns. */
export interface WaffleFlagRow {
  name: string;
  [column: string]: unknown;
}

/** What django-waffle's model gives a flag created with only a name. */
export const WAFFLE_FLAG_DEFAULTS: Readonly<Record<string, unknown>> = {
  everyone: null,
  percent: null,
  testing: false,
  superusers: true,
  staff: false,
  authenticated: false,
  languages: "",
  rollout: false,
  note: "",
};

/**
 * What a waffle flag's fields say about it, decided by the same {@link waffleState} the waffle JSON
 * export loader uses, so a database and its `dumpdata` export always agree.
 */
export function waffleRowMetadata(row: WaffleFlagRow): FlagMetadata {
  const entries: DocEntry[] = Object.entries(row).map(([key, value]) => ({
    key,
    offset: 0,
    value:
      key === "groups" || key === "users"
        ? { kind: "array", offset: 0, items: Array.from({ length: Number(value) }, () => ({ kind: "scalar", offset: 0, value: 1 })) }
        : { kind: "scalar", offset: 0, value: key === "everyone" && typeof value === "number" ? Boolean(value) : booleanColumn(key, value) },
  }));
  const { state, note } = waffleState({ kind: "object", offset: 0, entries });
  const metadata: FlagMetadata = { state };
  if (note !== undefined) metadata.stateNote = note;
  return withRowDetails(metadata, row);
}

/** SQLite has no booleans: waffle's boolean columns come back as 0/1. */
function booleanColumn(key: string, value: unknown): unknown {
  return typeof value === "number" && ["testing", "superusers", "staff", "authenticated", "rollout"].includes(key) ? value !== 0 : value;
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string" && !(value instanceof Date)) return undefined;
  if (value === "") return undefined;
  // SQLite stores Django datetimes as `2024-01-31 10:00:00.123456`: no `T`, no zone (UTC by USE_TZ).
  const date = value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value.replace(" ", "T") : `${value.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Replaces `${NAME}` by the environment variable, so credentials stay out of the config file. */
export function expandEnvironment(url: string, source: ResolvedRegistrySource, env: NodeJS.ProcessEnv = process.env): string {
  return url.replace(/\$\{(\w+)\}/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined)
      throw new ConfigError(`registry[${source.index}].path uses \${${name}}, which is not set`, `export ${name} before running flag-scan`);
    registerSecret(value);
    return value;
  });
}

/** `sqlite:///relative/db.sqlite3`, `sqlite:////absolute/db.sqlite3` (SQLAlchemy's spelling) or a bare file path. */
export function sqlitePath(url: string, root: string): string {
  const rest = url.replace(/^sqlite:\/\//, "");
  if (rest.startsWith("//")) return rest.slice(1);
  return path.resolve(root, rest.replace(/^\//, ""));
}

/** The tables to read: waffle's, or a custom `WAFFLE_FLAG_MODEL`'s (`model: "shop.Flag"`, `table`). */
interface WaffleTables {
  flag: string;
  /** The many-to-many tables' column naming the flag (`flag_id`). */
  flagColumn: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function waffleTables(source: ResolvedRegistrySource): WaffleTables {
  const check = (value: string, field: string): string => {
    if (!IDENTIFIER.test(value)) throw new ConfigError(`registry[${source.index}].${field} "${value}" is not a table name`, "use the db_table of your flag model, letters, digits and _ only");
    return value;
  };
  let flag = "waffle_flag";
  let modelName = "flag";
  if (source.model !== undefined) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(source.model);
    if (match === null) throw new ConfigError(`registry[${source.index}].model "${source.model}" is not an \`app_label.Model\` name`, "write it as WAFFLE_FLAG_MODEL does, e.g. \"shop.Flag\"");
    modelName = match[2]!.toLowerCase();
    flag = `${match[1]!.toLowerCase()}_${modelName}`;
  }
  if (source.table !== undefined) flag = check(source.table, "table");
  return { flag, flagColumn: `${modelName}_id` };
}

// Targeted groups and users make a flag partial; they live in the many-to-many tables.
function flagQuery(tables: WaffleTables): string {
  return `SELECT f.*,
  (SELECT COUNT(*) FROM ${tables.flag}_groups g WHERE g.${tables.flagColumn} = f.id) AS groups,
  (SELECT COUNT(*) FROM ${tables.flag}_users u WHERE u.${tables.flagColumn} = f.id) AS users
FROM ${tables.flag} f ORDER BY f.name`;
}
const SWITCH_QUERY = "SELECT * FROM waffle_switch ORDER BY name";
const SAMPLE_QUERY = "SELECT * FROM waffle_sample ORDER BY name";

/** What one database holds, by kind. */
interface WaffleRows {
  flags: WaffleFlagRow[];
  switches: WaffleFlagRow[];
  samples: WaffleFlagRow[];
}

/** A switch is on when `active`; a sample by its `percent` (of checks, not of users). */
function switchOrSampleMetadata(kind: "switch" | "sample", row: WaffleFlagRow): FlagMetadata {
  const metadata: FlagMetadata = {};
  if (kind === "switch") metadata.state = row.active === true || row.active === 1 ? "on" : "off";
  else {
    const percent = Number(row.percent);
    if (Number.isFinite(percent)) metadata.state = percent >= 100 ? "on" : percent <= 0 ? "off" : "partial";
    if (metadata.state === "partial") metadata.stateNote = `on for ${percent}% of checks`;
  }
  return withRowDetails(metadata, row);
}

function definitionsOf(rows: WaffleRows, source: ResolvedRegistrySource, file: string): FlagDefinition[] {
  return [
    ...rows.flags.map((row) => definition(row, source, file)),
    ...rows.switches.map((row): FlagDefinition => ({ flag: row.name, source, file, kind: "switch", metadata: switchOrSampleMetadata("switch", row) })),
    ...rows.samples.map((row): FlagDefinition => ({ flag: row.name, source, file, kind: "sample", metadata: switchOrSampleMetadata("sample", row) })),
  ];
}

/** A database without waffle's switch or sample table (a custom setup) has none of them. */
function isMissingTable(error: unknown): boolean {
  return /no such table|does not exist|doesn't exist/i.test((error as Error).message);
}

/**
 * Reads the `waffle_flag` table of a live database: what an environment really has. SQLite through
 * sql.js (WASM) and PostgreSQL through `pg`; `${ENV}` in the URL is expanded.
 */
export async function loadWaffleDbRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  const url = expandEnvironment(source.path, source);
  if (/^postgres(ql)?:\/\//.test(url)) {
    const rows = await queryPostgres(url, source);
    // Never put a password into reports.
    const display = redact(url);
    return { definitions: definitionsOf(rows, source, display), files: [] };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const display = redact(url);
    const rows = await queryMysql(url, display, source);
    return { definitions: definitionsOf(rows, source, display), files: [] };
  }
  if (/^[a-z][a-z0-9+]*:\/\//i.test(url) && !url.startsWith("sqlite:"))
    throw new ConfigError(
      `registry[${source.index}].path "${redact(source.path)}" is not a sqlite://, postgres:// or mysql:// URL`,
      "waffle-db reads SQLite, PostgreSQL and MySQL/MariaDB databases",
    );
  const file = sqlitePath(url, context.root);
  assertInsideRoot(file, source, { root: context.root, configFile: context.configFile });
  const rows = await querySqlite(file, source);
  return { definitions: definitionsOf(rows, source, relativeToRoot(context.root, file)), files: [file] };
}

/** MySQL and MariaDB through `mysql2`, an optional dependency loaded only for such a URL. */
async function queryMysql(url: string, display: string, source: ResolvedRegistrySource): Promise<WaffleRows> {
  let mysql: typeof import("mysql2/promise");
  try {
    mysql = await import("mysql2/promise");
  } catch {
    throw new ConfigError(`registry[${source.index}] (${source.name}): reading ${display} needs the \`mysql2\` package`, "run `npm install mysql2` next to flag-scan");
  }
  const tables = waffleTables(source);
  let connection: Awaited<ReturnType<typeof mysql.createConnection>> | undefined;
  try {
    connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, "mysql:"), connectTimeout: 10_000 });
    const select = async (query: string) => (await connection!.query(query))[0] as WaffleFlagRow[];
    const optional = async (query: string): Promise<WaffleFlagRow[]> => {
      try {
        return await select(query);
      } catch (error) {
        if (isMissingTable(error)) return [];
        throw error;
      }
    };
    // TINYINT(1) booleans come back as 0/1 and COUNT(*) as a number, as from SQLite.
    const flags = (await select(flagQuery(tables))).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, booleanColumn(key, value)])) as WaffleFlagRow);
    const switches = (await optional(SWITCH_QUERY)).map((row) => ({ ...row, active: row.active === 1 || row.active === true }));
    return { flags, switches, samples: await optional(SAMPLE_QUERY) };
  } catch (error) {
    // mysql2's messages name the user and host, never the password; the URL shown is redacted.
    throw new RegistryError(`registry[${source.index}] (${source.name}): cannot read ${tables.flag} from ${display}: ${(error as Error).message}`, tableHint(tables));
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

function definition(row: WaffleFlagRow, source: ResolvedRegistrySource, file: string): FlagDefinition {
  return { flag: row.name, source, file, metadata: waffleRowMetadata(row) };
}

async function querySqlite(file: string, source: ResolvedRegistrySource): Promise<WaffleRows> {
  let bytes: Buffer;
  try {
    bytes = await readBoundedFile(file, `SQLite database ${file}`, MAX_DATABASE_BYTES, ConfigError);
  } catch (error) {
    throw new ConfigError(`registry[${source.index}].path: ${(error as Error).message.replace(/^(SQLite database .*) cannot be read \((.*)\)$/, "cannot read $1: $2")}`, (error as ConfigError).hint);
  }
  const { default: initSqlJs } = await loadOptional("sql.js", () => import("sql.js"));
  const wasm = resolveOptional("sql.js", () => require.resolve("sql.js/dist/sql-wasm.wasm"));
  const SQL = await initSqlJs({ locateFile: () => wasm });
  let db: InstanceType<typeof SQL.Database> | undefined;
  try {
    db = new SQL.Database(bytes);
    const database = db;
    const select = (query: string): WaffleFlagRow[] => {
      const [result] = database.exec(query);
      if (result === undefined) return [];
      return result.values.map((values) => Object.fromEntries(result.columns.map((column, i) => [column, values[i]])) as unknown as WaffleFlagRow);
    };
    const optional = (query: string): WaffleFlagRow[] => {
      try {
        return select(query);
      } catch (error) {
        if (isMissingTable(error)) return [];
        throw error;
      }
    };
    const tables = waffleTables(source);
    let flags: WaffleFlagRow[];
    try {
      flags = select(flagQuery(tables));
    } catch (error) {
      throw new RegistryError(`${file}: cannot read the ${tables.flag} table: ${(error as Error).message}`, tableHint(tables));
    }
    return { flags, switches: optional(SWITCH_QUERY), samples: optional(SAMPLE_QUERY) };
  } catch (error) {
    if (error instanceof RegistryError || error instanceof ConfigError) throw error;
    throw new RegistryError(`${file}: cannot read the waffle tables: ${(error as Error).message}`, "is django-waffle migrated in this database?");
  } finally {
    db?.close();
  }
}

async function queryPostgres(url: string, source: ResolvedRegistrySource): Promise<WaffleRows> {
  const { default: pg } = await loadOptional("pg", () => import("pg"));
  let client: InstanceType<typeof pg.Client>;
  try {
    if (!URL.canParse(url)) throw new Error("not a valid URL");
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  } catch (error) {
    throw new ConfigError(`registry[${source.index}].path "${source.path}" is not a valid PostgreSQL URL: ${(error as Error).message}`, "write it as postgres://user@host:5432/database");
  }
  const tables = waffleTables(source);
  try {
    await client.connect();
    const flags = (await client.query<WaffleFlagRow>(flagQuery(tables))).rows;
    const optional = async (query: string): Promise<WaffleFlagRow[]> => {
      try {
        // A failed statement aborts nothing here: each query runs on its own (no transaction).
        return (await client.query<WaffleFlagRow>(query)).rows;
      } catch (error) {
        if (isMissingTable(error)) return [];
        throw error;
      }
    };
    return { flags, switches: await optional(SWITCH_QUERY), samples: await optional(SAMPLE_QUERY) };
  } catch (error) {
    throw new RegistryError(`registry[${source.index}] (${source.name}): cannot read ${tables.flag} from PostgreSQL: ${(error as Error).message}`, tableHint(tables));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tableHint(tables: WaffleTables): string {
  return tables.flag === "waffle_flag"
    ? "is django-waffle migrated in this database? With a custom WAFFLE_FLAG_MODEL, set the source's `model` (\"shop.Flag\") or `table`"
    : `is \`${tables.flag}\` the db_table of your WAFFLE_FLAG_MODEL? Set the source's \`table\` to it`;
}

/** The columns every waffle table shares: `note` as the description, `created` and `modified` dates. */
function withRowDetails(metadata: FlagMetadata, row: Record<string, unknown>): FlagMetadata {
  if (typeof row.note === "string" && row.note.trim() !== "") metadata.description = row.note;
  const created = isoDate(row.created);
  const modified = isoDate(row.modified);
  if (created !== undefined) metadata.created = created;
  if (modified !== undefined) metadata.modified = modified;
  return metadata;
}
