import { loadConfig } from "../config/load-config.js";
import { loadAndScan } from "../engine.js";
import { didYouMean } from "./suggest.js";

/**
 * ` Did you mean `ff_a`?` with the project's flag names closest to `flag` (defined or referenced), or "".
 * Scans again, so only called on the path where the flag was found nowhere.
 */
export async function suggestFlags(flag: string, cwd: string, configFile: string | undefined): Promise<string> {
  const config = await loadConfig({ cwd, configFile });
  const scan = await loadAndScan(config);
  const names = new Set(scan.registry.bySlug.keys());
  for (const reference of scan.references) if (reference.flag !== undefined) names.add(reference.flag);
  return didYouMean(flag, names);
}
