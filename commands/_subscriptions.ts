import type { ChatTarget } from "../src/chat.ts";
import type { CommandContext } from "../src/command/types.ts";
import { formatInZone } from "../src/reminders/schedule.ts";
import type { Subscription } from "../src/reminders/subscriptions.ts";

/** The chat a command came from, as a reminder target (reminders go to its thread, if any). */
export function chatOf(ctx: CommandContext): ChatTarget {
  const { platform, id, threadId } = ctx.invocation.chat;
  return { platform, chatId: id, threadId: threadId ?? null };
}

const KIND_NAMES: Record<string, string> = { daily: "每天", weekly: "每周", monthly: "每月", cron: "cron" };

/** One subscription as a list line: id, schedule, next time or why it stopped, last result. */
export function subscriptionLine(ctx: CommandContext, sub: Subscription): string {
  const schedule = `${KIND_NAMES[sub.kind] ?? sub.kind} (${sub.cron}, ${sub.timezone})`;
  const state = sub.active
    ? `下次: ${formatInZone(ctx.subscriptions.nextRun(sub) ?? sub.nextSlot, sub.timezone)}`
    : `已停用: ${sub.inactiveReason ?? ""}`;
  return `#${sub.id} ${schedule} · ${state}${sub.lastResult ? ` · 上次: ${sub.lastResult}` : ""}`;
}
