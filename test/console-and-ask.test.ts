import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "report-bot-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The processes get a clean environment: no platform tokens, their own database.
function run(script: string, args: string[], input: string, reports = SEED_REPORTS) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, `${script.replace(/\W/g, "_")}-${basename(reports)}.sqlite`),
      LOG_LEVEL: "warn",
    },
  });
}

describe("ask --jsonl", () => {
  it("prints one JSON answer per line, in order, never stopping at a bad line", () => {
    const lines = [
      "/stat 法律援助",
      "/frobnicate",
      `/stat ${"长".repeat(300)}`,
      "/section 七",
      "\u0000\u202e",
      "/plan",
    ];
    const result = run("src/cli/ask.ts", ["--jsonl"], `${lines.join("\n")}\n`);
    expect(result.status).toBe(0);
    const answers = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(lines.length);
    expect(answers.map((a) => a.ok)).toEqual([true, false, false, true, false, true]);
    expect(answers[0].figures[0]).toMatchObject({ value: 1114, unit: "件", raw: "1114件", sectionId: "1.7" });
    expect(answers[3].command).toBe("section");
    expect(answers[5].command).toBe("plan");
  });

  it("prints the text answer, or the JSON answer with --json", () => {
    const text = run("src/cli/ask.ts", ["/stat 公证"], "");
    expect(text.stdout).toContain("公证案件: 2149件");
    const json = JSON.parse(run("src/cli/ask.ts", ["--json", "/stat 公证"], "").stdout);
    expect(json).toMatchObject({ ok: true, command: "stat", cached: expect.any(Boolean) });
    expect(json.text).toContain("2149件");
  });
});

describe("the console chat", () => {
  it("answers each line it reads when stdin is not a terminal", () => {
    const result = run("src/main.ts", [], "/stat 法律援助\n/section 七\n");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("法律援助案件: 1114件");
    expect(result.stdout).toContain("1.7 加强基层治理,妥善化解矛盾纠纷");
  });

  it("waits for the reports read after start on a new database, rather than asking to come back", () => {
    // Twenty files more than the seed: read by child processes, for a while after "ready".
    const reports = join(dir, "library");
    cpSync(SEED_REPORTS, reports, { recursive: true });
    const corpus = join(import.meta.dirname, "fixtures", "corpus", "work-reports");
    for (const name of readdirSync(corpus)
      .filter((f) => f.endsWith(".txt"))
      .slice(0, 20))
      cpSync(join(corpus, name), join(reports, name));
    const result = run("src/main.ts", [], "/stat 法律援助\n", reports);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain("正在载入");
    expect(result.stdout).toContain("法律援助案件: 1114件");
  });
});
