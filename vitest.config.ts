import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Several suites spawn real tools (git, eslint, python); two cores do not make those faster.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    globalSetup: ["test/setup/build.ts", "test/setup/django.ts"],
  },
});
