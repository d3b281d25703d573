/**
 * The layer rules (.dependency-cruiser.cjs) catch an import that runs against the layers:
 * run on a small tree that breaks them on purpose, the checker names every wrong import.
 * `npm run layers` runs the same checker on the project itself as part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BAD_TREE = join(import.meta.dirname, "fixtures", "layers");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violationsIn(dir: string, paths: string[]): Violation[] {
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"),
      ...paths,
      "--config",
      join(ROOT, ".dependency-cruiser.cjs"),
      "--output-type",
      "json",
    ],
    { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe("the layer rules", () => {
  it("name every import that runs against the layers in a tree that breaks them", () => {
    const found = violationsIn(BAD_TREE, ["src"]).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found.sort()).toEqual(
      [
        "adapters-apart: src/adapters/telegram/bot.ts → src/adapters/discord/reply.ts",
        "adapters-no-store: src/adapters/telegram/bot.ts → src/store/db.ts",
        "layer-base: src/text/words.ts → src/report/parser.ts",
        "layer-report: src/report/parser.ts → src/query/ranking.ts",
      ].sort(),
    );
  });

  it("find nothing wrong in the project itself", () => {
    expect(violationsIn(ROOT, ["src", "commands", "bench", "scripts"])).toEqual([]);
  });
});
