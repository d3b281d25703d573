/**
 * The full-text index keeps each report's sentences apart (one rowid range per report):
 * replacing or removing one report's rows leaves every other report's rows as they were.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { searchTerms } from "../src/store/fts.ts";
import { openStore, type Store, syncDirectory } from "../src/store/index.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const SEED = join(SEED_REPORTS, "zhongxian-2021.txt");
const OTHER = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");

let dir: string;
let store: Store;
let db: Database.Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-index-"));
  copyFileSync(SEED, join(dir, "zhongxian-2021.txt"));
  copyFileSync(OTHER, join(dir, "longhua-2019.txt"));
  store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  await syncDirectory(store.reports, dir);
  // A second connection reads the index tables as they are.
  db = new Database(join(dir, "bot.sqlite"), { readonly: true });
});
afterEach(() => {
  db.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The index rows of one report: its range from sentence_ranges, counted in the FTS table. */
function indexRows(reportId: string): number {
  const range = db.prepare("SELECT slot, rows FROM sentence_ranges WHERE report_id = ?").get(reportId) as
    | { slot: number; rows: number }
    | undefined;
  if (!range) return 0;
  const first = range.slot * 2 ** 24;
  return db
    .prepare("SELECT count(*) FROM sentence_index WHERE rowid BETWEEN ? AND ?")
    .pluck()
    .get(first, first + 2 ** 24 - 1) as number;
}

const totalRows = () => db.prepare("SELECT count(*) FROM sentence_index").pluck().get() as number;
const sentenceCount = (id: string) => store.reports.content(id)?.sentences.length ?? -1;
const search = (id: string, text: string) => store.reports.searchSentences(id, searchTerms(text), 100);

describe("the sentence index of a library", () => {
  it("holds one row per sentence of each report, in that report's own range", () => {
    expect(indexRows("zhongxian-2021")).toBe(sentenceCount("zhongxian-2021"));
    expect(indexRows("longhua-2019")).toBe(sentenceCount("longhua-2019"));
    expect(totalRows()).toBe(sentenceCount("zhongxian-2021") + sentenceCount("longhua-2019"));
    // 公证 is in both reports; each search finds only its own report's sentences.
    const seedSentences = store.reports.content("zhongxian-2021")?.sentences ?? [];
    for (const i of search("zhongxian-2021", "公证")) expect(seedSentences[i]?.text).toContain("公证");
  });

  it("replaces one report's rows and leaves the other's as they were", async () => {
    const otherRows = indexRows("longhua-2019");
    const otherHits = search("longhua-2019", "法治");
    expect(otherHits.length).toBeGreaterThan(0);
    const before = sentenceCount("zhongxian-2021");

    // A new sentence, and a word that was there gone.
    const file = join(dir, "zhongxian-2021.txt");
    const text = readFileSync(file, "utf8")
      .replace("十年禁渔", "长江保护")
      .replace("法律援助案件1114件", "法律援助案件1114件。新设立了星光驿站");
    writeFileSync(file, text);
    const result = (await syncDirectory(store.reports, dir)).results.find((r) => r.id === "zhongxian-2021");
    expect(result?.outcome).toBe("updated");

    expect(sentenceCount("zhongxian-2021")).toBe(before + 1);
    expect(indexRows("zhongxian-2021")).toBe(before + 1);
    expect(search("zhongxian-2021", "十年禁渔")).toEqual([]);
    expect(search("zhongxian-2021", "星光驿站")).toHaveLength(1);
    expect(indexRows("longhua-2019")).toBe(otherRows);
    expect(search("longhua-2019", "法治")).toEqual(otherHits);
    expect(totalRows()).toBe(before + 1 + otherRows);
  });

  it("removes one report's rows and leaves the other's as they were", async () => {
    const otherRows = indexRows("longhua-2019");
    const otherHits = search("longhua-2019", "法治");
    unlinkSync(join(dir, "zhongxian-2021.txt"));
    expect((await syncDirectory(store.reports, dir)).removed).toEqual(["zhongxian-2021"]);
    expect(indexRows("zhongxian-2021")).toBe(0);
    expect(totalRows()).toBe(otherRows);
    expect(search("longhua-2019", "法治")).toEqual(otherHits);
  });
});

describe("a sync of many files", () => {
  let many: string;
  let bulk: Store;
  beforeEach(async () => {
    many = mkdtempSync(join(tmpdir(), "report-bot-bulk-"));
    for (let i = 0; i < 20; i++) copyFileSync(SEED, join(many, `copy-${String(i).padStart(2, "0")}.txt`));
    bulk = openStore({ path: join(many, "bot.sqlite"), cacheMaxEntries: 100 });
    await syncDirectory(bulk.reports, many);
  }, 120_000);
  afterEach(() => {
    bulk.close();
    rmSync(many, { recursive: true, force: true });
  });

  it("stores the reports first and leaves their index to later", () => {
    expect(bulk.reports.list()).toHaveLength(20);
    expect(bulk.reports.unindexed()).toHaveLength(20);
  });

  it("indexes a report at its first search", () => {
    const found = bulk.reports.searchSentences("copy-07", searchTerms("公证"), 50);
    const sentences = bulk.reports.content("copy-07")?.sentences ?? [];
    expect(found.length).toBeGreaterThan(0);
    for (const i of found) expect(sentences[i]?.text).toContain("公证");
    expect(bulk.reports.unindexed()).not.toContain("copy-07");
  });

  it("indexes every report in the background", async () => {
    bulk.indexInBackground((error) => {
      throw error;
    });
    await bulk.indexed();
    expect(bulk.reports.unindexed()).toEqual([]);
    const db = new Database(join(many, "bot.sqlite"), { readonly: true });
    const rows = db.prepare("SELECT sum(rows) FROM sentence_ranges").pluck().get();
    expect(rows).toBe(20 * sentenceCount("zhongxian-2021"));
    expect(db.prepare("SELECT count(*) FROM sentence_index").pluck().get()).toBe(rows);
    db.close();
  }, 120_000);
});
