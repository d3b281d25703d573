/**
 * `npm start` runs the build (JavaScript compiled from src/ and commands/ by `npm ci`'s
 * prepare script). The compiled bot must find what it finds from source: its commands,
 * the report folder, the glossary under data/, the chart font, and the parse workers of a
 * large folder. The project
 * is compiled here file by file with the build's settings (types are checked by `npm test`
 * itself), into a temporary folder that sees the project's node_modules.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const WORK_REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");

let build: string;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-build-"));
  build = join(dir, "dist");
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.build.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("tsconfig.build.json could not be read");
  // Declaration files have no output.
  for (const file of config.fileNames.filter((f) => !f.endsWith(".d.ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      // A file alone cannot see package.json's "type": "module", which makes NodeNext emit ESM.
      compilerOptions: { ...config.options, module: ts.ModuleKind.ESNext },
      fileName: file,
    });
    const out = join(build, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  // The build sits in a project folder: its package.json, node_modules and data files.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(ROOT, "data"), join(dir, "data"));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(reports: string, input: string) {
  return spawnSync(process.execPath, [join(build, "src/main.js")], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, `${relative(ROOT, reports).replace(/\W/g, "_")}.sqlite`),
      LOG_LEVEL: "warn",
    },
  });
}

/** The compiled bot asked `input` once it has read every report file (which it does after "ready"). */
function startOnceLoaded(
  reports: string,
  input: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(build, "src/main.js")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, `${relative(ROOT, reports).replace(/\W/g, "_")}-loaded.sqlite`),
      LOG_LEVEL: "info",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (stderr.includes('"msg":"reports in line with the folder"') && child.stdin.writable)
      child.stdin.end(input);
  });
  const timer = setTimeout(() => child.kill(), 60_000);
  return new Promise((resolve) =>
    child.once("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

describe("the compiled bot", () => {
  it("is what npm start runs", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.start).toBe("node dist/src/main.js");
    expect(scripts.prepare).toBe("tsc -p tsconfig.build.json");
  });

  it("loads its commands and answers from the report folder, charts included", () => {
    const run = start(SEED_REPORTS, "/stat 法律援助\n/chart 政务服务\n");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("法律援助案件: 1114件");
    expect(run.stdout).toMatch(/图表: .+\.png/);
  });

  it("answers a question in plain words with the glossary read from data/", () => {
    const run = start(SEED_REPORTS, "How many legal aid cases?\n法援案件多少件\n");
    expect(run.stderr).toBe("");
    expect(run.stdout.match(/法律援助案件: 1114件/g)).toHaveLength(2);
  });

  it("parses even one new report in a child process, so its own process holds no parser", async () => {
    const run = await startOnceLoaded(SEED_REPORTS, "/stat 法律援助\n");
    expect(run.stderr).toMatch(/"files":1,"childProcesses":1,"msg":"reading new and changed report files/);
    expect(run.stdout).toContain("法律援助案件: 1114件");
  });

  it("parses a large folder in its child processes, in the background", async () => {
    const run = await startOnceLoaded(WORK_REPORTS, "/report 清苑 2021\n");
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("not loaded");
    expect(run.stdout).toContain("保定市清苑区2021年政府工作报告");
  });
});
