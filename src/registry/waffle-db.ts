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
  if (typeof row.note === "string" && row.note.trim() !== "") metadata.description = row.note;
  const created = isoDate(row.created);
  const modified = isoDate(row.modified);
  if (created !== undefined) metadata.created = created;
  if (modified !== undefined) metadata.modified = modified;
  return metadata;
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
    return value;
  });
}

/** `sqlite:///relative/db.sqlite3`, `sqlite:////absolute/db.sqlite3` (SQLAlchemy's spelling) or a bare file path. */
export function sqlitePath(url: string, root: string): string {
  const rest = url.replace(/^sqlite:\/\//, "");
  if (rest.startsWith("//")) return rest.slice(1);
  return path.resolve(root, rest.replace(/^\//, ""));
}

// Targeted groups and users make a flag partial; they live in the many-to-many tables.
const QUERY = `SELECT f.*,
  (SELECT COUNT(*) FROM waffle_flag_groups g WHERE g.flag_id = f.id) AS groups,
  (SELECT COUNT(*) FROM waffle_flag_users u WHERE u.flag_id = f.id) AS users
FROM waffle_flag f ORDER BY f.name`;

/**
 * Reads the `waffle_flag` table of a live database: what an environment really has. SQLite through
 * sql.js (WASM) and PostgreSQL through `pg`; `${ENV}` in the URL is expanded.
 */
export async function loadWaffleDbRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
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
  const { default: initSqlJs } = await loadOptional("sql.js", () => import("sql.js"));
  const wasm = resolveOptional("sql.js", () => require.resolve("sql.js/dist/sql-wasm.wasm"));
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
  const { default: pg } = await loadOptional("pg", () => import("pg"));
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
