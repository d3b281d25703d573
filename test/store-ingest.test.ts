import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { searchTerms } from "../src/store/fts.ts";
import { ingestFile, openStore, type Store, startSync, syncDirectory } from "../src/store/index.ts";
import { ingestInWorkers } from "../src/store/ingest-pool.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const SEED = join(SEED_REPORTS, "zhongxian-2021.txt");
const LONGHUA = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-store-"));
  copyFileSync(SEED, join(dir, "zhongxian-2021.txt"));
  store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ingesting a folder", () => {
  it("stores the report with its sections, figures, plan and problems", async () => {
    const { results } = await syncDirectory(store.reports, dir);
    expect(results.map((r) => [r.id, r.outcome])).toEqual([["zhongxian-2021", "new"]]);
    const content = store.reports.content("zhongxian-2021");
    expect(content?.report.version).toBe(1);
    expect(content?.figures).toHaveLength(115);
    expect(content?.plan).toHaveLength(8);
    expect(content?.problems).toHaveLength(4);
    expect(content?.figures.find((f) => f.raw === "1114件")?.sentence).toContain("法律援助案件1114件");
  });

  it("skips an unchanged file and bumps the version when a figure changes", async () => {
    await syncDirectory(store.reports, dir);
    expect((await syncDirectory(store.reports, dir)).results[0]?.outcome).toBe("unchanged");
    const file = join(dir, "zhongxian-2021.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("法律援助案件1114件", "法律援助案件1115件"));
    const again = (await syncDirectory(store.reports, dir)).results[0];
    expect(again?.outcome).toBe("updated");
    expect(store.reports.get("zhongxian-2021")?.version).toBe(2);
    const figures = store.reports.content("zhongxian-2021")?.figures ?? [];
    expect(figures.some((f) => f.raw === "1115件")).toBe(true);
    expect(figures.some((f) => f.raw === "1114件")).toBe(false);
  });

  it("loads the good reports when one file is broken, and names the broken one", async () => {
    writeFileSync(join(dir, "broken.txt"), Buffer.from([0, 1, 2, 3, 255]));
    writeFileSync(join(dir, "empty.txt"), "");
    const { results } = await syncDirectory(store.reports, dir);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId["zhongxian-2021"]?.outcome).toBe("new");
    expect(byId.broken?.outcome).toBe("failed");
    expect(byId.broken?.outcome === "failed" && byId.broken.error).toContain("broken.txt");
    expect(byId.empty?.outcome === "failed" && byId.empty.error).toContain("empty");
  });

  it("removes a report whose file was deleted", async () => {
    copyFileSync(LONGHUA, join(dir, "longhua-2019.txt"));
    await syncDirectory(store.reports, dir);
    unlinkSync(join(dir, "zhongxian-2021.txt"));
    expect((await syncDirectory(store.reports, dir)).removed).toEqual(["zhongxian-2021"]);
    expect(store.reports.list().map((r) => r.id)).toEqual(["longhua-2019"]);
    expect(store.reports.searchSentences("zhongxian-2021", ["公证"], 10)).toEqual([]);
  });
});

describe("a library in sub-folders", () => {
  it("reads sub-folders, naming each report by its path, and leaves hidden ones out", async () => {
    mkdirSync(join(dir, "fazhi", "2019"), { recursive: true });
    copyFileSync(LONGHUA, join(dir, "fazhi", "2019", "longhua.txt"));
    mkdirSync(join(dir, ".trash"));
    copyFileSync(LONGHUA, join(dir, ".trash", "old.txt"));
    const { results } = await syncDirectory(store.reports, dir);
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ["fazhi-2019-longhua", "new"],
      ["zhongxian-2021", "new"],
    ]);
  });

  it("refuses a second file that would get the same id, naming both", async () => {
    mkdirSync(join(dir, "zhongxian"));
    copyFileSync(LONGHUA, join(dir, "zhongxian", "2021.txt"));
    const { results } = await syncDirectory(store.reports, dir);
    const second = results[1];
    expect(second?.outcome).toBe("failed");
    expect(second?.outcome === "failed" && second.error).toContain(join(dir, "zhongxian", "2021.txt"));
    expect(second?.outcome === "failed" && second.error).toContain(join(dir, "zhongxian-2021.txt"));
    expect(store.reports.get("zhongxian-2021")?.title).toContain("忠县");
  });
});

describe("telling unchanged files at start", () => {
  const file = () => join(dir, "zhongxian-2021.txt");
  /** Rewrites the file at the same size, with the given modification time. */
  const changeInPlace = (time: Date) => {
    writeFileSync(file(), readFileSync(file(), "utf8").replace("法律援助案件1114件", "法律援助案件1115件"));
    utimesSync(file(), time, time);
  };

  it("does not read a file whose size and modification time are as last read", async () => {
    const settled = new Date(Date.now() - 60_000);
    utimesSync(file(), settled, settled);
    await syncDirectory(store.reports, dir);
    changeInPlace(settled);
    expect((await syncDirectory(store.reports, dir)).results[0]?.outcome).toBe("unchanged");
    expect(store.reports.get("zhongxian-2021")?.version).toBe(1);

    const later = new Date(Date.now() - 30_000);
    utimesSync(file(), later, later);
    expect((await syncDirectory(store.reports, dir)).results[0]?.outcome).toBe("updated");
  });

  it("reads again a file modified just before it was read, whatever its time says", async () => {
    const now = new Date();
    utimesSync(file(), now, now);
    await syncDirectory(store.reports, dir);
    changeInPlace(now);
    expect((await syncDirectory(store.reports, dir)).results[0]?.outcome).toBe("updated");
  });
});

describe("the full-text index", () => {
  it("finds two-character words, which a trigram index cannot", async () => {
    await syncDirectory(store.reports, dir);
    const sentences = store.reports.content("zhongxian-2021")?.sentences ?? [];
    for (const word of ["复议", "公证", "禁渔", "欠薪"]) {
      const found = store.reports.searchSentences("zhongxian-2021", searchTerms(word), 50);
      expect(found.length).toBeGreaterThan(0);
      for (const i of found) expect(sentences[i]?.text).toContain(word);
    }
  });

  it("treats FTS syntax in user text as plain characters", async () => {
    await syncDirectory(store.reports, dir);
    for (const hostile of [
      '"',
      "*",
      "NEAR(公证",
      "公证 OR 复议",
      "^公证",
      "text:公证",
      "'; DROP TABLE reports; --",
    ]) {
      expect(() => store.reports.searchSentences("zhongxian-2021", searchTerms(hostile), 10)).not.toThrow();
      expect(() => store.reports.searchSentences("zhongxian-2021", [hostile], 10)).not.toThrow();
    }
    expect(store.reports.list()).toHaveLength(1);
  });
});

describe("many new files, parsed in child processes", () => {
  it("reads each file when its turn comes, so one gone meanwhile fails alone", async () => {
    const many = mkdtempSync(join(tmpdir(), "report-bot-many-"));
    const bulk = openStore({ path: join(many, "bot.sqlite"), cacheMaxEntries: 100 });
    try {
      const reports = join(many, "reports");
      mkdirSync(reports);
      for (let i = 0; i < 20; i++)
        copyFileSync(LONGHUA, join(reports, `copy-${String(i).padStart(2, "0")}.txt`));
      const sync = startSync(bulk.reports, reports);
      expect(sync.parsing).toHaveLength(20);
      // Listed but not read yet: this process holds no file's bytes, a worker reads each.
      unlinkSync(join(reports, "copy-19.txt"));
      const results = await sync.finished;
      const gone = results.find((r) => r.id === "copy-19");
      expect(gone?.outcome).toBe("failed");
      expect(gone?.outcome === "failed" && gone.error).toMatch(/copy-19\.txt: .*ENOENT/);
      expect(results.filter((r) => r.outcome === "new")).toHaveLength(19);
      expect(bulk.reports.content("copy-00")?.report.place).toBe(
        bulk.reports.content("copy-18")?.report.place,
      );
    } finally {
      bulk.close();
      rmSync(many, { recursive: true, force: true });
    }
  });

  it("parses the next group while another connection holds the write lock, instead of waiting", async () => {
    const many = mkdtempSync(join(tmpdir(), "report-bot-lock-"));
    const path = join(many, "bot.sqlite");
    openStore({ path, cacheMaxEntries: 10 }).close();
    // Another writer (the other ingest worker, npm run ingest) holds the write lock.
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    try {
      const broken = join(many, "broken.txt");
      writeFileSync(broken, Buffer.from([0, 1, 2, 3, 255]));
      const jobs = [LONGHUA, broken].map((file, i) => ({
        id: `r${i}`,
        file,
        content: null,
        stamp: null,
        maxFileBytes: 20 * 1024 * 1024,
      }));
      // One worker, one file a group: both groups are sent to it at once.
      const replies = ingestInWorkers(path, undefined, jobs, 1);
      const first = await replies.next();
      // The broken file, parsed while the first waits for the lock, is answered first.
      expect(first.value).toEqual([expect.objectContaining({ job: 1, ok: false })]);
      other.exec("COMMIT");
      const second = await replies.next();
      expect(second.value).toEqual([expect.objectContaining({ job: 0, ok: true })]);
      await replies.return(undefined);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
      rmSync(many, { recursive: true, force: true });
    }
  }, 30_000);

  it("stores files a group at a time, in which a report the storage refuses fails alone", async () => {
    const many = mkdtempSync(join(tmpdir(), "report-bot-many-"));
    // ~1.7 MB with the 23 small reports; the large one alone takes ~2.5 MB.
    const capped = openStore({ path: join(many, "bot.sqlite"), cacheMaxEntries: 100, maxBytes: 2_400_000 });
    try {
      const reports = join(many, "reports");
      mkdirSync(reports);
      for (let i = 0; i < 23; i++)
        copyFileSync(LONGHUA, join(reports, `copy-${String(i).padStart(2, "0")}.txt`));
      const [head, ...body] = readFileSync(LONGHUA, "utf8").split("\n");
      // Each copy's lines marked with its number: a page holding one report twice is read once.
      const large = [
        head,
        ...Array.from({ length: 100 }, (_, i) => body.map((line) => `${line}${i}`).join("\n")),
      ].join("\n");
      // Among the first files, so that it shares a group with small ones.
      writeFileSync(join(reports, "copy-01-large.txt"), large);
      const results = await syncDirectory(capped.reports, reports, { workers: 2 });
      const refused = results.results.find((r) => r.id === "copy-01-large");
      expect(refused?.outcome).toBe("failed");
      expect(refused?.outcome === "failed" && refused.error).toMatch(/copy-01-large\.txt: /);
      expect(results.results.filter((r) => r.outcome === "new")).toHaveLength(23);
      expect(capped.reports.content("copy-00")?.figures.length).toBeGreaterThan(0);
      expect(capped.reports.content("copy-01-large")).toBeNull();
    } finally {
      capped.close();
      rmSync(many, { recursive: true, force: true });
    }
  });
});

describe("one file read in this process", () => {
  it("fails alone when the storage refuses it, named as the child processes name it", () => {
    const capped = openStore({ path: join(dir, "capped.sqlite"), cacheMaxEntries: 100, maxBytes: 200_000 });
    try {
      expect(ingestFile(capped.reports, SEED, "zhongxian-2021")).toEqual({
        file: SEED,
        id: "zhongxian-2021",
        outcome: "failed",
        error: `${SEED}: database or disk is full (SQLITE_FULL)`,
      });
    } finally {
      capped.close();
    }
  });

  it("throws a database error that is no storage fault: a bug, not a bad file", () => {
    vi.spyOn(store.reports, "saveFile").mockImplementationOnce(() => {
      throw new Database.SqliteError(
        "UNIQUE constraint failed: sentences.idx",
        "SQLITE_CONSTRAINT_PRIMARYKEY",
      );
    });
    expect(() => ingestFile(store.reports, SEED, "zhongxian-2021")).toThrow(/UNIQUE constraint failed/);
  });
});
