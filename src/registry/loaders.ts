import type { RegistryType } from "../config/schema.js";
import type { Language } from "../languages/language.js";
import { loadJsonRegistry } from "./json.js";
import { registryLoader, type RegistryLoader } from "./loader.js";
import { loadWaffleRegistry } from "./waffle.js";
import { loadWaffleDbRegistry } from "./waffle-db.js";
import { loadYamlRegistry } from "./yaml.js";

/**
 * The loaders of the registry `type`s that belong to no language (data files and databases). Languages
 * bring the loaders of registries written in their code (`typescript`, `python`, `django-migrations`).
 */
export const formatRegistryLoaders: Partial<Record<RegistryType, RegistryLoader>> = {
  json: registryLoader("a list of slugs, an object keyed by slug, or a list of objects with `key`, `name`, `slug` or `id`", loadJsonRegistry),
  yaml: registryLoader("a list of slugs, a mapping keyed by slug, or a list of mappings with `key`, `name`, `slug` or `id`", loadYamlRegistry),
  waffle: registryLoader("a list of waffle flags, switches and samples (`name`) as `dumpdata` or the admin export writes them", loadWaffleRegistry),
  "waffle-db": registryLoader("rows of the waffle flag, switch and sample tables", loadWaffleDbRegistry),
};

/** Every registry type's loader: the data formats', and those of the languages that read registries from code. */
export function registryLoadersOf(languages: readonly Pick<Language, "registryLoaders">[]): Partial<Record<string, RegistryLoader>> {
  return Object.assign({}, formatRegistryLoaders, ...languages.map((language) => language.registryLoaders ?? {}));
}
