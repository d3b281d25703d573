import { Cron } from "croner";

/** A reminder schedule: a cron pattern (5 fields, or 6 with seconds) and how it was asked for. */
export interface Schedule {
  kind: "daily" | "weekly" | "monthly" | "cron";
  cron: string;
}

export const DEFAULT_TIMEZONE = "Asia/Shanghai";

const ZONES = new Set(Intl.supportedValuesOf("timeZone"));

/** Every IANA zone name this runtime knows, for choosing one. */
export const TIME_ZONES: readonly string[] = [...ZONES];

/** True for an IANA zone name this runtime knows (Asia/Shanghai, Europe/Berlin, UTC). */
export function isTimeZone(zone: string): boolean {
  if (ZONES.has(zone) || zone === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return /\//.test(zone);
  } catch {
    return false;
  }
}

/** Zone names containing the typed text, for autocomplete and suggestions. */
export function zonesMatching(typed: string, limit = 25): string[] {
  const t = typed.toLowerCase();
  return TIME_ZONES.filter((z) => z.toLowerCase().includes(t)).slice(0, limit);
}

function cronFor(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { timezone, paused: true, mode: "5-or-6-parts" });
}

/**
 * Reads "/subscribe [daily|weekly|monthly] [HH:MM]" or "/subscribe cron <expr>" words.
 * Default: weekly, Monday 09:00. Returns an error message for anything else.
 */
export function parseSchedule(words: string[]): Schedule | { error: string } {
  const [first = "weekly", ...rest] = words;
  if (first === "cron") {
    const pattern = rest.join(" ").trim();
    const fields = pattern.split(/\s+/).filter(Boolean).length;
    if (fields !== 5 && fields !== 6)
      return { error: "cron 表达式要有5个字段 (或带秒的6个字段), 例如: cron 0 9 * * 1" };
    try {
      cronFor(pattern, "UTC");
    } catch (error) {
      return { error: `cron 表达式无效: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { kind: "cron", cron: pattern };
  }
  const kind = ["daily", "weekly", "monthly"].includes(first) ? (first as Schedule["kind"]) : null;
  const timeWord = kind ? rest[0] : first;
  if (!kind && !/^\d{1,2}:\d{2}$/.test(first))
    return { error: `不认识“${first}”: 可用 daily、weekly、monthly、HH:MM 或 cron` };
  const time = /^(\d{1,2}):(\d{2})$/.exec(timeWord ?? "09:00");
  const hour = Number(time?.[1]);
  const minute = Number(time?.[2]);
  if (!time || hour > 23 || minute > 59) return { error: `时间“${timeWord}”无效, 请用 HH:MM, 例如 09:00` };
  const at = `${minute} ${hour}`;
  const effective = kind ?? "weekly";
  const cron = effective === "daily" ? `${at} * * *` : effective === "weekly" ? `${at} * * 1` : `${at} 1 * *`;
  return { kind: effective, cron };
}

/** The next `n` run times (UTC ms) strictly after `after`. */
export function nextRuns(cron: string, timezone: string, after: number, n: number): number[] {
  return cronFor(cron, timezone)
    .nextRuns(n, new Date(after))
    .map((d) => d.getTime());
}

/** The latest run time at or before `at`, or null when the pattern never ran before it. */
export function latestRun(cron: string, timezone: string, at: number): number | null {
  const [previous] = cronFor(cron, timezone).previousRuns(1, new Date(at + 1));
  return previous ? previous.getTime() : null;
}

/** The shortest gap between runs over the next runs, in seconds: how often it fires. */
export function shortestGapSeconds(cron: string, timezone: string, from: number): number {
  const runs = nextRuns(cron, timezone, from, 12);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++)
    gap = Math.min(gap, ((runs[i] as number) - (runs[i - 1] as number)) / 1000);
  return gap;
}

/** A run time as the chat reads it: "2026-11-30 09:00 (周一)". */
export function formatInZone(time: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(new Date(time));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const seconds = get("second") === "00" ? "" : `:${get("second")}`;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}${seconds} (${get("weekday")})`;
}
