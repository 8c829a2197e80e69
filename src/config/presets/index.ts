import type { AccessorConfig, PresetName } from "../schema.js";
import { edxToggles } from "./edx-toggles.js";
import { flagScan } from "./flag-scan.js";
import { growthbook } from "./growthbook.js";
import { launchdarkly } from "./launchdarkly.js";
import { openfeature } from "./openfeature.js";
import { posthog } from "./posthog.js";
import { unleash } from "./unleash.js";
import { waffle } from "./waffle.js";

/** Preset name -> the accessors it turns on. Typed by `PresetName`, so the schema's preset list is this one. */
export const presets: Record<PresetName, readonly AccessorConfig[]> = {
  "flag-scan": flagScan,
  launchdarkly,
  unleash,
  openfeature,
  growthbook,
  posthog,
  waffle,
  "edx-toggles": edxToggles,
};

export const DEFAULT_PRESETS: PresetName[] = ["flag-scan"];
