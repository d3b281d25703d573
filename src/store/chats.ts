import type Database from "better-sqlite3";
import { z } from "zod";

/** Per-chat choices that outlive a restart: the chat's current report. */
export class ChatSettings {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare("SELECT report_id FROM chat_settings WHERE chat_key = ?"),
      setReport: db.prepare(
        `INSERT INTO chat_settings (chat_key, report_id) VALUES (?, ?)
         ON CONFLICT(chat_key) DO UPDATE SET report_id = excluded.report_id`,
      ),
    };
  }

  reportOf(chatKey: string): string | null {
    const row = this.s.get.get(chatKey);
    return row === undefined ? null : z.object({ report_id: z.string().nullable() }).parse(row).report_id;
  }

  setReport(chatKey: string, reportId: string): void {
    this.s.setReport.run(chatKey, reportId);
  }
}
