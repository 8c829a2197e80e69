import type { RegistryType } from "../config/schema.js";
import type { Language } from "../languages/language.js";
import { loadJsonRegistry } from "./json.js";
import type { RegistryLoader } from "./loader.js";
import { loadWaffleRegistry } from "./waffle.js";
import { loadWaffleDbRegistry } from "./waffle-db.js";
import { loadYamlRegistry } from "./yaml.js";

/**
 * The loaders of the registry `type`s that belong to no language (data files and databases). Languages
 * bring the loaders of registries written in their code (`typescript`, `python`, `django-migrations`).
 */
export const formatRegistryLoaders: Partial<Record<RegistryType, RegistryLoader>> = {
  json: loadJsonRegistry,
  yaml: loadYamlRegistry,
  waffle: loadWaffleRegistry,
  "waffle-db": loadWaffleDbRegistry,
};

/** Every registry type's loader: the data formats', and those of the languages that read registries from code. */
export function registryLoadersOf(languages: readonly Pick<Language, "registryLoaders">[]): Partial<Record<string, RegistryLoader>> {
  return Object.assign({}, formatRegistryLoaders, ...languages.map((language) => language.registryLoaders ?? {}));
}
