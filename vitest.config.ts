import { defineConfig } from "vitest/config";

export default defineConfig({
  // src/scan/typescript/typescript-api.cts is CommonJS on purpose (see there); Vite transforms .ts/.mts only by default.
  oxc: { include: /\.([cm]?ts|[jt]sx)$/ },
  test: {
    include: ["test/**/*.test.ts"],
    // Several suites spawn real tools (git, eslint, python); two cores do not make those faster.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    globalSetup: ["test/setup/build.ts", "test/setup/django.ts", "test/setup/chromium.ts"],
  },
});
