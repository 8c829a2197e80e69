import type { ScanError } from "../scan/reference.js";
import type { ResolvedRegistrySource } from "../config/schema.js";

/** Whether a flag is served to everybody, nobody, or some. */
export type FlagState = "on" | "off" | "partial";

/** What a registry says about one flag, beyond its existence. All fields optional. */
export interface FlagMetadata {
  description?: string;
  owner?: string;
  /** ISO date the flag was created. */
  created?: string;
  /** ISO date of the last change of its state. */
  modified?: string;
  /** ISO date after which the flag should be gone. */
  expires?: string;
  /** Kill switches and operational flags: never stale. */
  permanent?: boolean;
  /** Free-form kind (`release`, `experiment`, `ops`, `permission`). */
  type?: string;
  /** Rollout state, when the source knows it (waffle `everyone`/`percent`, `enabled`, `rollout`). */
  state?: FlagState;
  /** Why `state` is what it is, when that is not obvious: who a partial flag is on for (`on for superusers, staff`). */
  stateNote?: string;
}

/** One flag defined by one registry source. */
export interface FlagDefinition {
  /** The slug code uses to check the flag. */
  flag: string;
  /** The source that defines it. */
  source: ResolvedRegistrySource;
  /** File of the definition, relative to the project root with `/`. */
  file: string;
  /** 1-based position of the definition in `file`, when known. */
  line?: number;
  column?: number;
  /**
   * What the slug names in its system: waffle's `switch` or `sample`; undefined is a plain `flag`. A check
   * of one kind is not satisfied by a definition of another (a waffle switch and flag may share a name).
   */
  kind?: string;
  /** Qualified constant name that holds the slug (`FeatureFlags.NEW_CHECKOUT`, `NEW_CHECKOUT`). */
  constant?: string;
  /**
   * The export of a code registry the slug was read from (`Flags`), when the source names no `export`
   * and reads every exported declaration: a declaration none of whose keys is checked is likely no list
   * of flags at all (config-warnings.ts).
   */
  declaration?: string;
  metadata: FlagMetadata;
}

/** What one registry source yields. */
export interface RegistryLoadResult {
  definitions: FlagDefinition[];
  /** Files the source was read from (absolute), so watchers know when to reload. */
  files: string[];
  /** What the source holds but the loader could not read (a migration creating a flag of computed name). */
  problems?: ScanError[];
}

/** All registry sources merged: a flag defined in several sources is one flag. */
export interface FlagRegistry {
  /** Every source of the config, loaded. */
  sources: ResolvedRegistrySource[];
  /** slug -> its definitions across sources, in source order. */
  bySlug: Map<string, FlagDefinition[]>;
  /** Qualified constant name (`FeatureFlags.NEW_CHECKOUT`) -> slug, across sources. */
  constants: Map<string, string>;
  /** Absolute paths of the registry files, to know when to reload. */
  files: string[];
  /** Every source's `problems`, reported with the scan's errors. */
  problems?: ScanError[];
}
