import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { ResolvedRegistrySource } from "../config/schema.js";
import { ConfigError, RegistryError } from "../errors.js";
import type { FlagDefinition, FlagMetadata, RegistryLoadResult } from "./definition.js";
import { relativeToRoot, type PythonRegistryContext } from "./python.js";

const require = createRequire(import.meta.url);

/** The `waffle_flag` columns the registry reads; older waffle versions lack some. */
export interface WaffleFlagRow {
  name: string;
  everyone?: boolean | number | null;
  percent?: number | string | null;
  note?: string | null;
  created?: string | Date | null;
  modified?: string | Date | null;
}

/**
 * What a waffle flag's fields say about it, as the waffle JSON export loader reads them:
 * `everyone` true/false is fully on/off, `percent` 100 is fully on, anything else is partial.
 */
export function waffleRowMetadata(row: WaffleFlagRow): FlagMetadata {
  const metadata: FlagMetadata = {};
  const everyone = row.everyone === null || row.everyone === undefined ? undefined : Boolean(row.everyone);
  const percent = row.percent === null || row.percent === undefined ? undefined : Number(row.percent);
  if (everyone === true) metadata.state = "on";
  else if (everyone === false) metadata.state = "off";
  else if (percent !== undefined && percent >= 100) metadata.state = "on";
  else metadata.state = "partial";
  if (row.note) metadata.description = row.note;
  const created = isoDate(row.created);
  const modified = isoDate(row.modified);
  if (created !== undefined) metadata.created = created;
  if (modified !== undefined) metadata.modified = modified;
  return metadata;
}

function isoDate(value: string | Date | null | undefined): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
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
    return value;
  });
}

/** `sqlite:///relative/db.sqlite3`, `sqlite:////absolute/db.sqlite3` (SQLAlchemy's spelling) or a bare file path. */
export function sqlitePath(url: string, root: string): string {
  const rest = url.replace(/^sqlite:\/\//, "");
  if (rest.startsWith("//")) return rest.slice(1);
  return path.resolve(root, rest.replace(/^\//, ""));
}

const QUERY = "SELECT * FROM waffle_flag ORDER BY name";

/**
 * Reads the `waffle_flag` table of a live database: what an environment really has. SQLite through
 * sql.js (WASM) and PostgreSQL through `pg`; `${ENV}` in the URL is expanded.
 */
export async function loadWaffleDbRegistry(source: ResolvedRegistrySource, context: PythonRegistryContext): Promise<RegistryLoadResult> {
  const url = expandEnvironment(source.path, source);
  if (/^postgres(ql)?:\/\//.test(url)) {
    const rows = await queryPostgres(url, source);
    // Never put a password into reports.
    const display = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1@");
    return { definitions: rows.map((row) => definition(row, source, display)), files: [] };
  }
  if (/^[a-z][a-z0-9+]*:\/\//i.test(url) && !url.startsWith("sqlite:"))
    throw new ConfigError(`registry[${source.index}].path "${source.path}" is not a sqlite:// or postgres:// URL`, "waffle-db reads SQLite and PostgreSQL databases");
  const file = sqlitePath(url, context.root);
  const rows = await querySqlite(file, source);
  return { definitions: rows.map((row) => definition(row, source, relativeToRoot(context.root, file))), files: [file] };
}

function definition(row: WaffleFlagRow, source: ResolvedRegistrySource, file: string): FlagDefinition {
  return { flag: row.name, source, file, metadata: waffleRowMetadata(row) };
}

async function querySqlite(file: string, source: ResolvedRegistrySource): Promise<WaffleFlagRow[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ConfigError(`registry[${source.index}].path: cannot read SQLite database ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { default: initSqlJs } = await import("sql.js");
  const wasm = require.resolve("sql.js/dist/sql-wasm.wasm");
  const SQL = await initSqlJs({ locateFile: () => wasm });
  let db: InstanceType<typeof SQL.Database> | undefined;
  try {
    db = new SQL.Database(bytes);
    const [result] = db.exec(QUERY);
    if (result === undefined) return [];
    return result.values.map((values) => Object.fromEntries(result.columns.map((column, i) => [column, values[i]])) as unknown as WaffleFlagRow);
  } catch (error) {
    throw new RegistryError(`${file}: cannot read the waffle_flag table: ${(error as Error).message}`, "is django-waffle migrated in this database?");
  } finally {
    db?.close();
  }
}

async function queryPostgres(url: string, source: ResolvedRegistrySource): Promise<WaffleFlagRow[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const result = await client.query<WaffleFlagRow>(QUERY);
    return result.rows;
  } catch (error) {
    throw new RegistryError(`registry[${source.index}] (${source.name}): cannot read waffle_flag from PostgreSQL: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
