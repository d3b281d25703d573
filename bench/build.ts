/**
 * The benchmarks run the bots as production does: report-bot from the build (`npm run
 * build`, what `npm start` runs), and the bare framework bots compiled the same way, so no
 * bot pays for a TypeScript loader.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");
/** Where the bare bots are compiled to: inside the project, so their imports resolve. */
export const BARE_BOTS = join(ROOT, "dist", "bench", "bots");
/** What `npm start` runs. */
export const MAIN = join(ROOT, "dist", "src", "main.js");

export function buildForBench(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`bench: the build failed:\n${run.stdout}${run.stderr}`);
  const source = join(ROOT, "bench", "bots");
  mkdirSync(BARE_BOTS, { recursive: true });
  for (const file of readdirSync(source).filter((f) => f.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(BARE_BOTS, file.replace(/\.ts$/, ".js")), outputText);
  }
}
