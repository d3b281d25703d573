import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../src/log.ts";
import { Knowledge } from "../src/query/knowledge.ts";
import { parseSchedule } from "../src/reminders/schedule.ts";
import { DEFAULT_REMINDER_OPTIONS, ReminderService } from "../src/reminders/service.ts";
import { openStore } from "../src/store/index.ts";
import { round } from "./stats.ts";

/** Time to record one due slot for `count` subscriptions: the database work alone, no sending. */
export function benchPlanning(count: number): { plan_ms: number; count: number } {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-bench-"));
  const store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  try {
    let now = Date.parse("2026-11-30T00:59:00Z");
    const service = new ReminderService(
      store,
      new Knowledge(store),
      createLogger("silent"),
      DEFAULT_REMINDER_OPTIONS,
      () => now,
    );
    const schedule = parseSchedule(["weekly", "09:00"]);
    if ("error" in schedule) throw new Error(schedule.error);
    store.transaction(() => {
      for (let i = 0; i < count; i++)
        service.subscribe(
          { platform: "telegram", chatId: String(-1e12 - i), threadId: null },
          schedule,
          "Asia/Shanghai",
          "bench",
        );
    });
    now = Date.parse("2026-11-30T01:00:00Z");
    const start = performance.now();
    service.planDueSlots();
    return { plan_ms: round(performance.now() - start), count };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
