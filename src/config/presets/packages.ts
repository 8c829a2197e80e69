import type { PresetName } from "../schema.js";

/**
 * The packages that mean a project uses a preset's SDK, for `flag-scan init`: npm names are matched
 * against package.json dependencies, PyPI names (case and `-`/`_` insensitive) against requirements
 * files and pyproject.toml. A preset without packages (`flag-scan`) is never detected, only defaulted.
 */
export const presetPackages: Partial<Record<PresetName, { npm: readonly string[]; pypi: readonly string[] }>> = {
  launchdarkly: {
    npm: [
      "@launchdarkly/node-server-sdk",
      "@launchdarkly/js-client-sdk",
      "@launchdarkly/react-native-client-sdk",
      "@launchdarkly/vercel-server-sdk",
      "@launchdarkly/cloudflare-server-sdk",
      "launchdarkly-node-server-sdk",
      "launchdarkly-js-client-sdk",
      "launchdarkly-react-client-sdk",
    ],
    pypi: ["launchdarkly-server-sdk", "ldclient-py"],
  },
  openfeature: {
    npm: ["@openfeature/server-sdk", "@openfeature/web-sdk", "@openfeature/react-sdk", "@openfeature/js-sdk", "@openfeature/nestjs-sdk", "@openfeature/angular-sdk"],
    pypi: ["openfeature-sdk"],
  },
  growthbook: {
    npm: ["@growthbook/growthbook", "@growthbook/growthbook-react"],
    pypi: ["growthbook"],
  },
  posthog: {
    npm: ["posthog-js", "posthog-node", "posthog-react-native"],
    pypi: ["posthog"],
  },
  unleash: {
    npm: ["unleash-client", "unleash-proxy-client", "@unleash/proxy-client-react", "@unleash/nextjs"],
    pypi: ["UnleashClient"],
  },
  waffle: { npm: [], pypi: ["django-waffle"] },
};
