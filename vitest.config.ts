import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test file opens its own SQLite file; two cores run two files at once.
    pool: "forks",
    testTimeout: 20_000,
  },
});
