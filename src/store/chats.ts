import type Database from "better-sqlite3";
import { z } from "zod";

// Built once: a zod schema costs far more to build than to check a row with.
const reportIdRow = z.object({ report_id: z.string().nullable() });
const timezoneRow = z.object({ timezone: z.string().nullable() });

/** Per-chat choices that outlive a restart: the chat's current report and time zone. */
export class ChatSettings {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare("SELECT report_id FROM chat_settings WHERE chat_key = ?"),
      getZone: db.prepare("SELECT timezone FROM chat_settings WHERE chat_key = ?"),
      setZone: db.prepare(
        `INSERT INTO chat_settings (chat_key, timezone) VALUES (?, ?)
         ON CONFLICT(chat_key) DO UPDATE SET timezone = excluded.timezone`,
      ),
      setReport: db.prepare(
        `INSERT INTO chat_settings (chat_key, report_id) VALUES (?, ?)
         ON CONFLICT(chat_key) DO UPDATE SET report_id = excluded.report_id`,
      ),
    };
  }

  reportOf(chatKey: string): string | null {
    const row = this.s.get.get(chatKey);
    return row === undefined ? null : reportIdRow.parse(row).report_id;
  }

  setReport(chatKey: string, reportId: string): void {
    this.s.setReport.run(chatKey, reportId);
  }

  timezoneOf(chatKey: string): string | null {
    const row = this.s.getZone.get(chatKey);
    return row === undefined ? null : timezoneRow.parse(row).timezone;
  }

  setTimezone(chatKey: string, timezone: string): void {
    this.s.setZone.run(chatKey, timezone);
  }
}
