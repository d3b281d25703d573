import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store, syncDirectory } from "../src/store/index.ts";
import { migrate } from "../src/store/migrate.ts";
import { migrations } from "../src/store/migrations/index.ts";

const CORPUS = join(import.meta.dirname, "fixtures", "corpus");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-genres-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("storing reports of several genres (migration 005)", () => {
  let store: Store;
  beforeEach(async () => {
    copyFileSync(join(CORPUS, "fazhi", "longhua-2019.txt"), join(dir, "longhua-2019.txt"));
    copyFileSync(join(CORPUS, "work-reports", "mancheng-2020.txt"), join(dir, "mancheng-2020.txt"));
    store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 10 });
    await syncDirectory(store.reports, dir);
  });
  afterEach(() => store.close());

  it("keeps each report's genre, inferred title, issuer and source", () => {
    expect(store.reports.get("longhua-2019")).toMatchObject({
      genre: "fazhi",
      titleInferred: true,
      issuer: "深圳市龙华区人民政府",
      sourceUrl: null,
    });
    expect(store.reports.get("mancheng-2020")).toMatchObject({
      genre: "work-report",
      titleInferred: false,
      issuer: "保定市满城区人民政府",
    });
  });

  it("keeps each figure's kind and the figure it is linked to", () => {
    const content = store.reports.content("mancheng-2020");
    const budget = content?.figures.findIndex((f) => f.raw === "8.4亿元") ?? -1;
    const growth = content?.figures[budget + 1];
    expect(growth).toMatchObject({ raw: "11.2%", kind: "change", linkedTo: budget });
    expect(content?.figures.some((f) => f.kind === "target")).toBe(true);
  });
});

describe("migrating a database written before genres", () => {
  it("renames body to issuer and counts old reports as 法治政府建设 reports", () => {
    const path = join(dir, "old.sqlite");
    const db = new Database(path);
    migrate(db, migrations.slice(0, 4));
    db.prepare(
      `INSERT INTO reports (id, file, title, body, place, year, date, content_hash, version, ingested_at)
       VALUES ('old', 'old.txt', '忠县人民政府2021年法治政府建设年度报告', '忠县人民政府', '忠县', 2021, NULL, 'x', 1, 'now')`,
    ).run();
    expect(migrate(db, migrations)).toBe(migrations.at(-1)?.version);
    db.close();
    const store = openStore({ path, cacheMaxEntries: 10 });
    try {
      expect(store.reports.get("old")).toMatchObject({
        issuer: "忠县人民政府",
        genre: "fazhi",
        titleInferred: false,
        sourceUrl: null,
      });
    } finally {
      store.close();
    }
  });
});
