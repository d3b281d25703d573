/**
 * A database written before the library's index (schema version 4) opens, migrates and
 * keeps what it held. test/fixtures/schema-v4.sqlite was built by the code of schema
 * version 4: the seed ingested, one chat's report and time zone set, one subscription.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { searchTerms } from "../src/store/fts.ts";
import { openStore, syncDirectory } from "../src/store/index.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const OLD_DATABASE = join(import.meta.dirname, "fixtures/schema-v4.sqlite");

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-migrate-"));
  path = join(dir, "bot.sqlite");
  copyFileSync(OLD_DATABASE, path);
  mkdirSync(join(dir, "reports"));
  copyFileSync(join(SEED_REPORTS, "zhongxian-2021.txt"), join(dir, "reports", "zhongxian-2021.txt"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a database of schema version 4", () => {
  it("was written before the migration (the fixture is what it says)", () => {
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(4);
    expect(
      db.prepare("SELECT count(*) FROM sentence_index WHERE report_id = 'zhongxian-2021'").pluck().get(),
    ).toBe(118);
    db.close();
  });

  it("migrates, keeps its reports, chats and subscriptions, and indexes its reports again", async () => {
    const store = openStore({ path, cacheMaxEntries: 100 });
    try {
      expect(store.reports.get("zhongxian-2021")?.version).toBe(1);
      expect(store.chats.reportOf("telegram:42")).toBe("zhongxian-2021");
      expect(store.chats.timezoneOf("telegram:42")).toBe("Europe/Berlin");
      expect(store.subscriptions.forChat("telegram", "42")).toHaveLength(1);

      // Migrated, the old report is searchable in the new index (indexed at its first search).
      const searchable = () => {
        const sentences = store.reports.content("zhongxian-2021")?.sentences ?? [];
        const found = store.reports.searchSentences("zhongxian-2021", searchTerms("公证"), 50);
        expect(found.length).toBeGreaterThan(0);
        for (const i of found) expect(sentences[i]?.text).toContain("公证");
      };
      searchable();

      // An older parser stored it: the same file is parsed again, as a new version.
      const { results } = await syncDirectory(store.reports, join(dir, "reports"));
      expect(results.map((r) => [r.id, r.outcome])).toEqual([["zhongxian-2021", "updated"]]);
      expect(store.reports.get("zhongxian-2021")?.version).toBe(2);
      searchable();
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(6);
    expect(
      db.prepare("SELECT rows FROM sentence_ranges WHERE report_id = 'zhongxian-2021'").pluck().get(),
    ).toBe(db.prepare("SELECT count(*) FROM sentences WHERE report_id = 'zhongxian-2021'").pluck().get());
    db.close();
  });
});
