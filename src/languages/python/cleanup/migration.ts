// Before:  feature_flags/migrations/0001_create_flags.py      Flag.objects.create(name=NEW_CHECKOUT, everyone=True)
// After:   feature_flags/migrations/0001_create_flags.py      Flag.objects.create(name="ff_new_checkout", everyone=True)
//          feature_flags/migrations/0003_delete_ff_new_checkout.py   (new: deletes the row, reverse recreates it)
// A flag created by a data migration is only gone when a migration deletes it from every database.
// Old migrations must keep running on fresh databases after the flag's constant is deleted, so every
// use of the constant in a migration is inlined as the literal it held.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { ResolvedConfig } from "../../../config/schema.js";
import { CleanupError } from "../../../errors.js";
import { collectBindings, PythonModuleIndex, type ModuleInfo } from "../module-index.js";
import { loadPythonParser, withPythonTree, type Node } from "../parser.js";
import { dottedName } from "../syntax.js";
import { readMigrations, type FlagOperation, type MigrationFile } from "../django-migrations.js";
import { resolveSourceFiles } from "../../../registry/files.js";
import { applyEdits, type Edit } from "../../../cleanup/edit.js";
import { rewriteToFixpoint } from "../../../cleanup/fixpoint.js";
import { isUse, useCounts } from "./context.js";
import { pythonRewrite } from "./rewrite.js";
import { removeUnused } from "./steps/remove-unused.js";
import { readFileSync } from "node:fs";
import type { PlannedFile } from "../../language.js";

/** What `--migration` writes: a new migration and the old ones with the flag's constant inlined. */
export interface MigrationPlan {
  flag: string;
  /** The app whose migrations created the flag. */
  app: string;
  /** The new migration, relative to the project root. */
  migration: string;
  /** Every file to write (the new migration first), relative to the project root. */
  files: Array<{ file: string; before: string | undefined; after: string }>;
}

/**
 * Plans the Django migration that deletes `flag` (its reverse recreates it with the fields the
 * migrations gave it) and the inlining of the flag's constant in existing migrations. Reads only:
 * call it before the cleanup deletes the constant, then {@link writeMigrationPlan}.
 * @throws CleanupError when no data migration creates the flag.
 */
export async function planFlagDeletionMigration(config: ResolvedConfig, flag: string, now = new Date()): Promise<MigrationPlan> {
  await loadPythonParser();
  const files = await migrationFiles(config);
  const migrations = await readMigrations(files, config.root);
  let creator: { migration: MigrationFile; operation: FlagOperation; fields: Record<string, unknown> } | undefined;
  for (const migration of migrations)
    for (const operation of migration.operations) {
      // --migration writes a Flag deletion: switches and samples of that name are other rows.
      if (operation.flag !== flag || operation.flagKind !== "flag") continue;
      if (operation.kind === "delete") creator = undefined;
      else if (operation.method === "update" && creator === undefined) continue;
      else creator = { migration: creator?.migration ?? migration, operation, fields: { ...creator?.fields, ...operation.fields } };
    }
  if (creator === undefined)
    throw new CleanupError(`\`${flag}\` is not created by any data migration, so --migration has nothing to delete`, "drop --migration, or delete the flag in the Django admin");
  const app = creator.migration.app;
  const appMigrations = migrations.filter((migration) => migration.app === app);
  const leaf = appMigrations.filter((migration) => !appMigrations.some((other) => other.dependencies.some(([a, n]) => a === app && n === migration.name))).pop()!;
  const number = Math.max(0, ...appMigrations.map((migration) => Number(/^(\d+)/.exec(migration.name)?.[1] ?? 0))) + 1;
  const name = `${String(number).padStart(4, "0")}_delete_${flag.replace(/\W+/g, "_").toLowerCase()}`;
  const migration = path.posix.join(path.posix.dirname(leaf.relativePath), `${name}.py`);
  const planned: MigrationPlan["files"] = [{ file: migration, before: undefined, after: migrationText(flag, app, leaf.name, creator.fields, now) }];
  planned.push(...inlineInMigrations(config, migrations, flag));
  return { flag, app, migration, files: planned };
}

/**
 * The existing migrations that import the flag's constant, with the literal inlined: once the constant
 * leaves its module they would fail to import, and old migrations must keep running on a fresh database.
 * Planned before anything is rewritten (the constant is read from the module it is about to leave).
 */
export async function planConstantInlining(config: ResolvedConfig, flag: string): Promise<PlannedFile[]> {
  await loadPythonParser();
  const files = await migrationFiles(config);
  return inlineInMigrations(config, files.map((file) => ({ path: file, relativePath: path.relative(config.root, file).split(path.sep).join("/") })), flag);
}

function inlineInMigrations(config: ResolvedConfig, migrations: ReadonlyArray<{ path: string; relativePath: string }>, flag: string): PlannedFile[] {
  const index = new PythonModuleIndex(config.root, readOrUndefined);
  const planned: PlannedFile[] = [];
  for (const existing of migrations) {
    const before = readOrUndefined(existing.path);
    if (before === undefined) continue;
    const after = inlineConstant(before, existing.path, existing.relativePath, flag, index);
    if (after !== before) planned.push({ file: existing.relativePath, before, after });
  }
  return planned;
}

/** Writes a planned migration and the rewritten old ones. */
export function writeMigrationPlan(root: string, plan: MigrationPlan): void {
  for (const file of plan.files) {
    const absolute = path.resolve(root, file.file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, file.after);
  }
}

async function migrationFiles(config: ResolvedConfig): Promise<string[]> {
  const sources = config.registry.filter((source) => source.type === "django-migrations");
  if (sources.length > 0) {
    const lists = await Promise.all(sources.map((source) => resolveSourceFiles(source, { root: config.root, configFile: config.configFile })));
    return [...new Set(lists.flat())].sort();
  }
  return (await fg("**/migrations/[0-9]*.py", { cwd: config.root, absolute: true, ignore: ["**/node_modules/**", "**/.git/**"] })).sort();
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function pythonLiteral(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  if (typeof value === "number") return String(value);
  return JSON.stringify(String(value));
}

function migrationText(flag: string, app: string, leaf: string, fields: Record<string, unknown>, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace("T", " ");
  const defaults = Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}: ${pythonLiteral(value)}`)
    .join(", ");
  return `# Generated by flag-scan on ${stamp}: \`flag-scan cleanup ${flag} --migration\`

from django.db import migrations

FLAG_NAME = ${JSON.stringify(flag)}


def delete_flag(apps, schema_editor):
    Flag = apps.get_model("waffle", "Flag")
    Flag.objects.filter(name=FLAG_NAME).delete()


def recreate_flag(apps, schema_editor):
    Flag = apps.get_model("waffle", "Flag")
    Flag.objects.get_or_create(name=FLAG_NAME${defaults === "" ? "" : `, defaults={${defaults}}`})


class Migration(migrations.Migration):
    dependencies = [
        (${JSON.stringify(app)}, ${JSON.stringify(leaf)}),
    ]

    operations = [
        migrations.RunPython(delete_flag, recreate_flag),
    ]
`;
}

/**
 * Replaces every imported name or module attribute that resolves to `flag` by the literal, then
 * drops the imports that became unused. Constants the migration defines itself stay: they do not
 * depend on the module the cleanup edits.
 */
function inlineConstant(text: string, file: string, relativePath: string, flag: string, index: PythonModuleIndex): string {
  const edits = withPythonTree(text, (tree) => {
    const module: ModuleInfo = { path: file, bindings: collectBindings(tree.rootNode) };
    const found: Edit[] = [];
    const visit = (node: Node): void => {
      if ((node.type === "identifier" && isUse(node)) || node.type === "attribute") {
        const dotted = dottedName(node);
        const first = dotted?.split(".")[0];
        if (dotted !== undefined && module.bindings.get(first!)?.kind === "import" && index.resolveName(module, dotted) === flag) {
          found.push({ start: node.startIndex, end: node.endIndex, text: JSON.stringify(flag) });
          return;
        }
      }
      if (node.type === "import_statement" || node.type === "import_from_statement") return;
      for (const child of node.namedChildren) if (child !== null) visit(child);
    };
    visit(tree.rootNode);
    return found;
  });
  if (edits.length === 0) return text;
  const base = { flag, relativePath, problems: [], originalUses: withPythonTree(text, (tree) => useCounts(tree.rootNode)) };
  return rewriteToFixpoint(text, pythonRewrite(base, [removeUnused]), () => applyEdits(text, edits).text);
}
