import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, optionalText, optionalWord } from "../src/command/types.ts";
import { formatInZone, parseSchedule } from "../src/reminders/schedule.ts";
import { chatOf } from "./_subscriptions.ts";

export default defineCommand({
  name: "subscribe",
  aliases: ["订阅"],
  description: {
    zh: "订阅工作安排提醒 (默认每周一 09:00)",
    en: "Remind this chat of the work plan on a schedule",
  },
  examples: ["/subscribe", "/subscribe daily 08:30", "/subscribe monthly", "/subscribe cron 0 9 * * 1-5"],
  options: {
    schedule: optionalWord({ zh: "频率", en: "how often" }, ["daily", "weekly", "monthly", "cron"]),
    time: optionalWord({ zh: "时间 HH:MM", en: "time HH:MM" }),
    cron: optionalText({ zh: "cron 表达式", en: "cron pattern" }),
  },
  needsReport: true,
  cacheable: false,
  adminOnly: true,
  run(ctx, args) {
    // On Discord the cron option may come alone: a pattern needs no "cron" choice before it.
    const given =
      args.cron && !args.schedule ? ["cron", args.time, args.cron] : [args.schedule, args.time, args.cron];
    const words = given.filter((w): w is string => Boolean(w));
    const schedule = parseSchedule(
      words.length > 1 && words[0] === "cron" ? ["cron", words.slice(1).join(" ")] : words,
    );
    if ("error" in schedule)
      return refusal("subscribe", "bad_input", `${schedule.error}。例如: /subscribe weekly 09:00`);
    if (ctx.report.plan.length === 0) {
      return refusal("subscribe", "no_content", "当前报告没有工作安排, 无法订阅提醒。");
    }
    const target = chatOf(ctx);
    const timezone = ctx.subscriptions.timezoneOf(target);
    const tooOften = ctx.subscriptions.checkInterval(schedule, timezone);
    if (tooOften) return refusal("subscribe", "bad_input", tooOften);
    const { subscription, upcoming } = ctx.subscriptions.subscribe(
      target,
      schedule,
      timezone,
      ctx.invocation.userId,
    );
    return answer("subscribe", {
      title: `已订阅 #${subscription.id}: 每次提醒一项工作安排 (共${ctx.report.plan.length}项, 轮流发送)`,
      blocks: [
        { kind: "heading", text: `接下来三次 (${timezone})` },
        { kind: "list", ordered: false, items: upcoming.map((t) => formatInZone(t, timezone)) },
        {
          kind: "paragraph",
          text: `退订: /unsubscribe ${subscription.id} · 预览下一条: /plan next · 时区: /timezone`,
        },
      ],
      report: ctx.report.ref(),
    });
  },
});
