/**
 * What the bot knows of its reports and chats (src/query/knowledge.ts).
 *
 * A chat that has nothing to read while reports are read in the background (the console on
 * a new database) waits for its own or the default report. Each report stored changes the
 * library; looking at the waiting chat again for every one of them read the whole library
 * once per report, which made a cold start of a thousand reports quadratic.
 *
 * Each chat's choice of report is held in memory, for a bounded number of chats.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Knowledge } from "../src/query/knowledge.ts";
import { ingestFile, openStore, type Store } from "../src/store/index.ts";

const SEED = join(import.meta.dirname, "../data/reports/zhongxian-2021.txt");
const LONGHUA = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");
const CHAT = "console:local";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanups.splice(0).reverse()) done();
});

function newStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-waiting-"));
  const store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 10 });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("a chat waiting for its report", () => {
  it("is settled when the default report is stored, without reading the library for each other report", async () => {
    const store = newStore();
    const knowledge = new Knowledge(store, { defaultReportId: "zhongxian-2021" });
    const others = ["r1", "r2", "r3", "r4", "r5", "r6"];
    knowledge.startLoading([...others, "zhongxian-2021"]);
    let settled = false;
    const readable = knowledge.whenReadable(CHAT).then(() => {
      settled = true;
    });
    const listed = vi.spyOn(store.reports, "list");

    for (const id of others) {
      expect(ingestFile(store.reports, LONGHUA, id).outcome).toBe("new");
      knowledge.doneLoading(id);
      await nextTurn();
      await nextTurn();
    }
    expect(settled).toBe(false);
    expect(listed).not.toHaveBeenCalled();

    expect(ingestFile(store.reports, SEED, "zhongxian-2021").outcome).toBe("new");
    knowledge.doneLoading("zhongxian-2021");
    await readable;
    expect(knowledge.current(CHAT)?.report.id).toBe("zhongxian-2021");
  });

  it("with no report chosen and none stored, is settled by the first report stored", async () => {
    const store = newStore();
    const knowledge = new Knowledge(store);
    knowledge.startLoading(["r1", "r2"]);
    const readable = knowledge.whenReadable(CHAT);
    expect(ingestFile(store.reports, LONGHUA, "r1").outcome).toBe("new");
    knowledge.doneLoading("r1");
    await readable;
    expect(knowledge.current(CHAT)?.report.id).toBe("r1");
    expect(knowledge.loadingCount()).toBe(1);
  });
});

describe("the chats' choices of report", () => {
  it("are held for the last 10,000 chats; an older one is read from the store again", () => {
    const store = newStore();
    const knowledge = new Knowledge(store);
    expect(ingestFile(store.reports, LONGHUA, "r1").outcome).toBe("new");
    expect(ingestFile(store.reports, SEED, "zhongxian-2021").outcome).toBe("new");
    knowledge.choose("chat:first", "r1");
    const read = vi.spyOn(store.chats, "reportOf");
    for (let i = 0; i < 10_000; i++) knowledge.current(`chat:${i}`);
    expect(read).toHaveBeenCalledTimes(10_000);
    // The first chat's choice was dropped from memory, not forgotten.
    expect(knowledge.current("chat:first")?.report.id).toBe("r1");
    expect(read).toHaveBeenCalledTimes(10_001);
    expect(knowledge.current("chat:9999")?.report.id).not.toBe("r1");
    expect(read).toHaveBeenCalledTimes(10_001);
  });
});
