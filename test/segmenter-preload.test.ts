import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Jieba } from "@node-rs/jieba";
import { expect, it, vi } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { FakeTelegramApi, TEST_TOKEN } from "./fakes/telegram-api.ts";

const require = createRequire(import.meta.url);
const wholeDictionary = Jieba.withDict(readFileSync(require.resolve("@node-rs/jieba/dict.txt")));

/** Sentences of the seed report: several thousand words, common and rare. */
const LINES = readFileSync(join(import.meta.dirname, "../data/reports/zhongxian-2021.txt"), "utf8")
  .split(/[。\n]/)
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

const cutWhole = (text: string) =>
  wholeDictionary
    .cut(text, true)
    .map((w) => w.trim())
    .filter((w) => w !== "");

/** A fresh copy of the segmenter module, its dictionary not loaded yet. */
async function freshSegmenter(): Promise<typeof import("../src/text/segment.ts")> {
  vi.resetModules();
  return import("../src/text/segment.ts");
}

it("segments with a dictionary loaded in slices as with the dictionary loaded whole", async () => {
  expect(LINES.length).toBeGreaterThan(50);
  const { preloadSegmenter, taggedWords, words } = await freshSegmenter();
  expect(await preloadSegmenter()).toBeGreaterThan(10);
  for (const line of LINES) expect(words(line)).toEqual(cutWhole(line));
  const tagged = taggedWords("法律援助中心办理案件1114件");
  expect(tagged).toEqual(wholeDictionary.tag("法律援助中心办理案件1114件", true));
});

it("loads the rest at once for a word segmented half-way, never segmenting with a part", async () => {
  const { preloadSegmenter, words } = await freshSegmenter();
  const preloaded = preloadSegmenter();
  // A slice takes a few ms, the whole load over 100.
  await new Promise((resolve) => setTimeout(resolve, 30));
  for (const line of LINES) expect(words(line)).toEqual(cutWhole(line));
  await preloaded;
});

it("is loaded in slices by a bot once ready, before its first question", async () => {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-preload-"));
  const reports = join(import.meta.dirname, "../data/reports");
  // Built beforehand, as a restart finds it: on a new database the bot run from source
  // parses a small file in its own process (child processes start slowly under tsx), which
  // loads the dictionary.
  const built = await createApp(
    loadConfig({ REPORTS_DIR: reports, DATABASE_PATH: join(dir, "bot.sqlite") }),
    createLogger("silent"),
  );
  await built.loaded();
  built.close();
  const telegram = await FakeTelegramApi.start();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(import.meta.dirname, ".."),
    env: {
      PATH: process.env.PATH,
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, "bot.sqlite"),
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    // No message is sent: nothing but the preload loads the dictionary.
    const messages: string[] = [];
    let slices = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no dictionary line in: ${messages.join(" | ")}`)),
        30_000,
      );
      let buffered = "";
      child.stderr.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
          if (msg === undefined) continue;
          messages.push(msg);
          if (msg === "word dictionary loaded") {
            slices = Number(/"slices":(\d+)/.exec(line)?.[1]);
            clearTimeout(timer);
            resolve();
          }
        }
      });
    });
    expect(messages.indexOf("ready")).toBeGreaterThanOrEqual(0);
    expect(messages.indexOf("ready")).toBeLessThan(messages.indexOf("word dictionary loaded"));
    expect(slices).toBeGreaterThan(10);
  } finally {
    child.kill();
    await new Promise((resolve) => child.once("exit", resolve));
    await telegram.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
