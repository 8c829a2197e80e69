import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import type { TestProject } from "vitest/node";

/**
 * Debian's interpreter: apt installs python3-django there, while `python3` on PATH may be another
 * interpreter (pyenv) that cannot see those packages.
 */
export const PYTHON = "/usr/bin/python3";

/** Whether a group of real-component tests can run, and why not. */
export interface Availability {
  available: boolean;
  reason?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    django: Availability;
    postgres: Availability & { bin?: string };
    mariadb: Availability;
  }
}

function hasDjango(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import django, waffle"], { stdio: "ignore" }).status === 0;
}

/** The directory of PostgreSQL's server binaries (initdb, pg_ctl), when a server is installed. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).filter((name) => existsSync(`${root}/${name}/bin/initdb`)).sort((a, b) => Number(b) - Number(a))[0];
  return version === undefined ? undefined : `${root}/${version}/bin`;
}

function hasPostgres(): boolean {
  return postgresBin() !== undefined && spawnSync(PYTHON, ["-c", "import psycopg2"], { stdio: "ignore" }).status === 0;
}

/** Debian's MariaDB server and the driver Django's MySQL backend uses. */
function hasMariadb(): boolean {
  return existsSync("/usr/sbin/mariadbd") && existsSync("/usr/bin/mariadb-install-db") && spawnSync(PYTHON, ["-c", "import MySQLdb"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0 ? undefined : `\`${command} ${args.join(" ")}\` failed: ${(result.stderr || result.stdout || String(result.error)).trim().split("\n").pop()}`;
}

let updated = false;

/** Installs Debian packages when running as root with apt; returns why not otherwise. */
function install(packages: string[]): string | undefined {
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0)
    return `${packages.join(", ")} missing and apt-get cannot run here (needs Debian/Ubuntu and root)`;
  if (!updated) {
    const failure = run("apt-get", ["update"]);
    if (failure !== undefined) return failure;
    updated = true;
  }
  return run("apt-get", ["install", "-y", "--no-install-recommends", ...packages]);
}

export function ensure(name: string, check: () => boolean, packages: string[]): Availability {
  if (check()) return { available: true };
  const reason = install(packages) ?? (check() ? undefined : `${packages.join(", ")} installed, but ${name} still cannot be used`);
  if (reason === undefined) return { available: true };
  if (process.env.CI === "true") throw new Error(`${name} tests cannot run: ${reason}`);
  return { available: false, reason };
}

/**
 * Vitest global setup: makes sure Debian's python3-django and python3-django-waffle (and, for the
 * PostgreSQL tests, postgresql and python3-psycopg2; for the MariaDB tests, mariadb-server and
 * python3-mysqldb) are installed, installing them with apt-get when
 * running as root. Where that is impossible (a laptop without apt or root) those tests skip with the
 * reason; with CI=true a missing component fails the run instead.
 */
export default function setup(project: TestProject): void {
  project.provide("django", ensure("Django", hasDjango, ["python3-django", "python3-django-waffle"]));
  const postgres = ensure("PostgreSQL", hasPostgres, ["postgresql", "python3-psycopg2"]);
  const bin = postgresBin();
  project.provide("postgres", bin === undefined ? postgres : { ...postgres, bin });
  project.provide("mariadb", ensure("MariaDB", hasMariadb, ["mariadb-server", "python3-mysqldb"]));
}
