/**
 * A burst of readers on Telegram: `chats` private chats each sending `perChat` messages —
 * commands and plain questions mixed, some asked by many, some by few, some matching
 * nothing — to report-bot and to the bare grammY bot, each in its own process against its
 * own loopback fake, in the same run. After a warm-up, the messages are sent paced (at
 * `perSecond`, in rounds that alternate between the bots: latencies), then all at once,
 * three times each in turns (throughput: the median of the three; and each bot's CPU time
 * per update from /proc).
 *
 * burst_throughput_ratio is report-bot's updates per second over the bare bot's (1 = as
 * fast); paced_p99_ratio is report-bot's 99th percentile round trip over the bare bot's.
 */
import { FakeTelegramApi, TEST_TOKEN } from "../test/fakes/telegram-api.ts";
import { type BotProcess, startBareBot, startReportBot } from "./children.ts";
import { SEARCH_TEXTS, SECTION_REFS, STAT_KEYWORDS } from "./core.ts";
import { burst, cpuMs, type Driver, paced, type RoundTrips } from "./e2e.ts";
import { quantile, round } from "./stats.ts";

const COMMANDS = [
  ...STAT_KEYWORDS.map((k) => `/stat ${k}`),
  ...SEARCH_TEXTS.map((t) => `/search ${t}`),
  ...SECTION_REFS.map((r) => `/section ${r}`),
  "/summary",
  "/plan",
  "/problems",
  "/toc",
  "/help",
  "/report",
  "/about",
];

/** Questions as readers type them: the report's words, whole questions, and words it does not have. */
const QUESTIONS = [
  ...STAT_KEYWORDS,
  "法律援助案件有多少",
  "公证办理了多少件",
  "行政复议收到多少件",
  "调解成功率是多少",
  "食品抽检合格率",
  "执法人员培训",
  "农民工工资",
  "营商环境怎么样",
  "高铁",
  "足球比赛",
  "人工智能",
  "股票市场",
];

/**
 * The line chat `chat` sends as its `k`-th message: a command or a question, and now and
 * then two keywords together, so that some lines are asked once and miss the cache.
 */
export function lineFor(chat: number, k: number): string {
  const n = (chat * 7919 + k * 104_729) % 1_000_003;
  if (n % 4 === 0) {
    const a = STAT_KEYWORDS[n % STAT_KEYWORDS.length];
    const b = STAT_KEYWORDS[Math.floor(n / 7) % STAT_KEYWORDS.length];
    return `${a} ${b}`;
  }
  const pool = n % 4 === 1 ? QUESTIONS : COMMANDS;
  return pool[Math.floor(n / 4) % pool.length] as string;
}

/** Every line the mix can send, each once. */
function distinctLines(): string[] {
  const lines = new Set<string>([...COMMANDS, ...QUESTIONS]);
  for (const a of STAT_KEYWORDS) for (const b of STAT_KEYWORDS) lines.add(`${a} ${b}`);
  return [...lines];
}

/**
 * A driver whose request i of a phase is message i ÷ chats of chat i mod chats: the chats
 * take turns, as readers do. Each phase uses new chats. A round trip runs from the update
 * being handed out to the chat's next sendMessage (each line is answered in one message,
 * which `checkOneMessageEach` makes sure of).
 */
function chatsDriver(
  fake: FakeTelegramApi,
  chats: number,
  lineAt: (chat: number, k: number) => string,
  firstChat = 2_000_000,
) {
  let trips: RoundTrips | null = null;
  let base = firstChat - chats;
  const handed = new Map<string, number>();
  const answered = new Map<string, number>();
  const next = (counts: Map<string, number>, chat: string) => {
    const n = counts.get(chat) ?? 0;
    counts.set(chat, n + 1);
    return `${chat}#${n}`;
  };
  fake.observeHandOut((update) => {
    const chat = (update.message as { chat?: { id?: unknown } } | undefined)?.chat?.id;
    if (chat !== undefined) trips?.start(next(handed, String(chat)));
  });
  fake.observe((call, receivedAt) => {
    if (call.method === "sendMessage" && call.status === 200)
      trips?.answer(next(answered, String(call.payload.chat_id)), receivedAt);
  });
  const driver: Driver = {
    track: (t) => {
      trips = t;
      base += chats;
    },
    send: (i) => {
      const id = base + (i % chats);
      const k = Math.floor(i / chats);
      const user = { id, is_bot: false as const, first_name: `读者${id}`, language_code: "zh-hans" };
      fake.sendText({ id, type: "private", first_name: user.first_name }, user, lineAt(id, k));
    },
  };
  return { driver, messagesTo: (chat: number) => answered.get(String(chat)) ?? 0 };
}

/** Sends every distinct line once, each from its own chat, and fails on a line answered in more than one message. */
async function checkOneMessageEach(fake: FakeTelegramApi): Promise<void> {
  const lines = distinctLines();
  const first = 9_000_000;
  const lineOf = (chat: number) => lines[chat - first] as string;
  const { driver, messagesTo } = chatsDriver(fake, lines.length, lineOf, first);
  await burst(driver, lines.length);
  // Late second messages of an answer arrive soon after the first.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const split = lines.filter((_, i) => messagesTo(first + i) !== 1);
  if (split.length > 0) throw new Error(`bench: answered in more than one message: ${split.join(" | ")}`);
}

interface Side {
  fake: FakeTelegramApi;
  bot: BotProcess;
  driver: Driver;
  latencies: number[];
  /** Updates per second of each flood, and the bot's CPU time over all of them. */
  floods: number[];
  floodCpuMs: number;
}

async function side(start: (fake: FakeTelegramApi) => Promise<BotProcess>, chats: number): Promise<Side> {
  const fake = await FakeTelegramApi.start(TEST_TOKEN, { keepCalls: false });
  try {
    const bot = await start(fake);
    return {
      fake,
      bot,
      driver: chatsDriver(fake, chats, lineFor).driver,
      latencies: [],
      floods: [],
      floodCpuMs: 0,
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

export interface BurstOptions {
  chats: number;
  perChat: number;
  perSecond: number;
}

export async function benchTelegramBurst(options: BurstOptions): Promise<Record<string, number>> {
  const count = options.chats * options.perChat;
  const started = await Promise.allSettled([
    side((fake) => startBareBot("bare-telegram", TEST_TOKEN, fake.apiRoot), options.chats),
    side(
      (fake) => startReportBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      options.chats,
    ),
  ]);
  try {
    const [bare, ours] = started.map((s) => {
      if (s.status === "rejected") throw s.reason;
      return s.value;
    }) as [Side, Side];
    await checkOneMessageEach(ours.fake);
    for (const s of [bare, ours]) await burst(s.driver, Math.min(count, 2_000));
    const rounds = 5;
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? [bare, ours] : [ours, bare]) {
        const trips = await paced(s.driver, Math.round(count / rounds), options.perSecond);
        s.latencies.push(...trips.latenciesMs());
      }
    }
    // Three floods each, in the order ABBAAB: a slower minute of the machine weighs on both.
    for (const s of [bare, ours, ours, bare, bare, ours]) {
      const cpuBefore = cpuMs(s.bot.pid);
      const trips = await burst(s.driver, count);
      s.floods.push(trips.perSecond());
      s.floodCpuMs += cpuMs(s.bot.pid) - cpuBefore;
    }
    const flood = (s: Side) => ({
      perSecond: quantile(
        [...s.floods].sort((a, b) => a - b),
        0.5,
      ),
      cpuMsEach: s.floodCpuMs / (count * s.floods.length),
    });
    const bareFlood = flood(bare);
    const ourFlood = flood(ours);
    const p = (s: Side, q: number) =>
      quantile(
        [...s.latencies].sort((a, b) => a - b),
        q,
      );
    return {
      burst_updates: count,
      burst_per_s: Math.round(ourFlood.perSecond),
      bare_burst_per_s: Math.round(bareFlood.perSecond),
      burst_throughput_ratio: round(ourFlood.perSecond / bareFlood.perSecond, 2),
      burst_cpu_ms_per_update: round(ourFlood.cpuMsEach, 3),
      bare_burst_cpu_ms_per_update: round(bareFlood.cpuMsEach, 3),
      paced_per_s: options.perSecond,
      paced_p50_ms: round(p(ours, 0.5), 2),
      paced_p99_ms: round(p(ours, 0.99), 2),
      bare_paced_p50_ms: round(p(bare, 0.5), 2),
      bare_paced_p99_ms: round(p(bare, 0.99), 2),
      paced_p99_ratio: round(p(ours, 0.99) / p(bare, 0.99), 2),
    };
  } finally {
    for (const s of started) {
      if (s.status !== "fulfilled") continue;
      await s.value.bot.stop();
      await s.value.fake.close();
    }
  }
}
