/**
 * End to end: report-bot answering /stat against a bare bot of the same framework that
 * replies a fixed text, each in its own process, driven through the loopback fakes of
 * test/fakes in this one. A round trip runs from the moment the fake hands the update out
 * (getUpdates answered, or the gateway INTERACTION_CREATE sent) to the moment the bot's
 * answer reaches it (sendMessage, or the interaction callback), both on this process's clock.
 *
 * Each bot gets a warm-up burst, then `count` updates at a steady pace well below either
 * bot's capacity (the round-trip latencies), then `count` updates at once (the throughput:
 * count ÷ time from the first hand-out to the last answer). In a burst the fake, which
 * checks every message, can be the slower side; the bot's own CPU time per update (from
 * /proc) says what the bot costs whatever the fake does.
 */
import { readFileSync } from "node:fs";
import { FakeDiscord } from "../test/fakes/discord-server.ts";
import { FakeTelegramApi, TEST_TOKEN } from "../test/fakes/telegram-api.ts";
import { type BotProcess, startBareBot, startReportBot } from "./children.ts";
import { STAT_KEYWORDS } from "./core.ts";
import { quantile, round } from "./stats.ts";

const WAIT_MS = 120_000;
// Shaped like a Discord bot token (config wants 50+ characters); the fake takes any.
export const DISCORD_TOKEN = "MTMwMDAwMDAwMDAwMDAwMDAw.GfAkEx.loopback-bench-token-not-a-secret-0000000";

/** When each request of one phase was handed to the bot and when its answer came back. */
export class RoundTrips {
  private readonly started = new Map<string, number>();
  private readonly answered = new Map<string, number>();
  private onAnswer: (() => void) | null = null;

  start(key: string, at = performance.now()): void {
    if (!this.started.has(key)) this.started.set(key, at);
  }

  /** Records the first answer to a request of this phase (later parts of a long answer are not timed). */
  answer(key: string, at = performance.now()): void {
    if (this.answered.has(key) || !this.started.has(key)) return;
    this.answered.set(key, at);
    this.onAnswer?.();
  }

  /** Resolves once `count` requests are answered; rejects after a generous timeout. */
  whenAnswered(count: number): Promise<void> {
    if (this.answered.size >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onAnswer = null;
        reject(new Error(`only ${this.answered.size} of ${count} requests answered in ${WAIT_MS} ms`));
      }, WAIT_MS);
      this.onAnswer = () => {
        if (this.answered.size < count) return;
        clearTimeout(timer);
        this.onAnswer = null;
        resolve();
      };
    });
  }

  /** Round trips in milliseconds, in no particular order. */
  latenciesMs(): number[] {
    return [...this.answered].map(([key, at]) => at - (this.started.get(key) ?? at));
  }

  /** Answers per second from the first hand-out to the last answer. */
  perSecond(): number {
    const first = Math.min(...this.started.values());
    const last = Math.max(...this.answered.values());
    return this.answered.size / ((last - first) / 1000);
  }
}

/** A slash command with its options by name, as a user would send it. */
export interface Question {
  command: string;
  options: Record<string, string>;
}

/** The end-to-end questions: /stat with each benchmark keyword in turn. */
export const STAT_QUESTIONS: readonly Question[] = STAT_KEYWORDS.map((k) => ({
  command: "stat",
  options: { keywords: k },
}));

/** A way to put requests to a bot through a fake, timing each in the phase being tracked. */
export interface Driver {
  /** Sends request number `i` of a phase: the questions in turn. */
  send(i: number): void;
  /** Directs the timings of the next requests to `trips`. */
  track(trips: RoundTrips): void;
}

/** Each request comes from a new user in their private chat (the chat id keys the answer). */
export function telegramDriver(fake: FakeTelegramApi, questions = STAT_QUESTIONS): Driver {
  let trips: RoundTrips | null = null;
  let nextUser = 1_000_000;
  fake.observeHandOut((update) => {
    const chat = (update.message as { chat?: { id?: unknown } } | undefined)?.chat?.id;
    if (chat !== undefined) trips?.start(String(chat));
  });
  fake.observe((call, receivedAt) => {
    if (call.method === "sendMessage" && call.status === 200)
      trips?.answer(String(call.payload.chat_id), receivedAt);
  });
  return {
    track: (t) => {
      trips = t;
    },
    send: (i) => {
      const id = nextUser++;
      const user = { id, is_bot: false as const, first_name: `读者${id}`, language_code: "zh-hans" };
      const { command, options } = questionAt(questions, i);
      const line = [`/${command}`, ...Object.values(options)].join(" ");
      fake.sendText({ id, type: "private", first_name: user.first_name }, user, line);
    },
  };
}

/** Each request is a slash command in the fake server's channel (the interaction id keys the answer). */
export function discordDriver(fake: FakeDiscord, questions = STAT_QUESTIONS): Driver {
  let trips: RoundTrips | null = null;
  fake.observe((call) => {
    const id = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(call.path)?.[1];
    if (call.method === "POST" && id) trips?.answer(id);
  });
  return {
    track: (t) => {
      trips = t;
    },
    send: (i) => {
      const at = performance.now();
      const { command, options } = questionAt(questions, i);
      const id = fake.injectCommand(command, options);
      trips?.start(id, at);
    },
  };
}

function questionAt(questions: readonly Question[], i: number): Question {
  return questions[i % questions.length] as Question;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `count` requests at once and waits for every answer. */
export async function burst(driver: Driver, count: number): Promise<RoundTrips> {
  const trips = new RoundTrips();
  driver.track(trips);
  for (let i = 0; i < count; i++) driver.send(i);
  await trips.whenAnswered(count);
  return trips;
}

/** Sends `count` requests at `perSecond`, evenly spread, and waits for every answer. */
export async function paced(driver: Driver, count: number, perSecond: number): Promise<RoundTrips> {
  const trips = new RoundTrips();
  driver.track(trips);
  const start = performance.now();
  for (let sent = 0; sent < count; ) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * perSecond) + 1);
    while (sent < due) driver.send(sent++);
    await sleep(1);
  }
  await trips.whenAnswered(count);
  return trips;
}

/** A bot under test with the fake it talks to. */
interface Subject {
  driver: Driver;
  bot: BotProcess;
  latencies: number[];
}

/** CPU time (user + system) a process has used, in ms, from /proc (10 ms ticks). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}
const CLOCK_TICKS_PER_S = 100;

/**
 * The bare bot and report-bot side by side: both running, each warmed up, then the paced
 * updates in rounds that alternate between them (so a noisy neighbour or a slower minute
 * weighs on both alike), then a burst to each.
 */
async function compare(subjects: { bare: Subject; ours: Subject }, options: E2eOptions) {
  const { bare, ours } = subjects;
  const both = [bare, ours];
  for (const s of both) await burst(s.driver, WARM_UP); // code optimised, answers cached
  const rounds = Math.max(1, Math.round(options.count / ROUND));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? both : [ours, bare];
    for (const s of order) {
      const trips = await paced(s.driver, Math.round(options.count / rounds), options.perSecond);
      s.latencies.push(...trips.latenciesMs());
    }
  }
  const flood = async (s: Subject) => {
    const cpuBefore = cpuMs(s.bot.pid);
    const trips = await burst(s.driver, options.count);
    return { perSecond: trips.perSecond(), cpuMsEach: (cpuMs(s.bot.pid) - cpuBefore) / options.count };
  };
  const bareFlood = await flood(bare);
  const ourFlood = await flood(ours);
  const sorted = (s: Subject) => [...s.latencies].sort((a, b) => a - b);
  const [b, o] = [sorted(bare), sorted(ours)];
  const p50 = { bare: quantile(b, 0.5), ours: quantile(o, 0.5) };
  const p99 = { bare: quantile(b, 0.99), ours: quantile(o, 0.99) };
  return {
    updates: o.length,
    p50_ms: round(p50.ours, 2),
    p99_ms: round(p99.ours, 2),
    per_s: Math.round(ourFlood.perSecond),
    cpu_ms_per_update: round(ourFlood.cpuMsEach, 3),
    bare_p50_ms: round(p50.bare, 2),
    bare_p99_ms: round(p99.bare, 2),
    bare_per_s: Math.round(bareFlood.perSecond),
    bare_cpu_ms_per_update: round(bareFlood.cpuMsEach, 3),
    // report-bot's median round trip over the bare bot's: 1.10 means 10 % slower.
    ratio: round(p50.ours / p50.bare, 2),
    ratio_p99: round(p99.ours / p99.bare, 2),
    // The bare bot's throughput over report-bot's: 1.10 means report-bot answers 10 % fewer a second.
    throughput_ratio: round(bareFlood.perSecond / ourFlood.perSecond, 2),
  };
}

/** Updates sent to each bot before anything is measured. */
const WARM_UP = 200;
/** Paced updates per bot in one round of the alternation. */
const ROUND = 200;

export interface E2eOptions {
  /** Updates per phase (paced, then burst). */
  count: number;
  /** The steady pace, in updates per second. */
  perSecond: number;
}

/** A bot started against a fake; `stop` ends both (the fake too when the bot fails to start). */
async function subject(
  driver: Driver,
  stopFake: () => Promise<void>,
  start: () => Promise<BotProcess>,
): Promise<Subject & { stop(): Promise<void> }> {
  try {
    const bot = await start();
    const stop = async () => {
      await bot.stop();
      await stopFake();
    };
    return { driver, bot, latencies: [], stop };
  } catch (error) {
    await stopFake();
    throw error;
  }
}

/** Starts both bots at once (start-up is not measured here), compares them, and stops both. */
async function sideBySide(
  startBare: () => Promise<Subject & { stop(): Promise<void> }>,
  startOurs: () => Promise<Subject & { stop(): Promise<void> }>,
  options: E2eOptions,
) {
  const [bare, ours] = await Promise.allSettled([startBare(), startOurs()]);
  try {
    if (bare.status === "rejected") throw bare.reason;
    if (ours.status === "rejected") throw ours.reason;
    return await compare({ bare: bare.value, ours: ours.value }, options);
  } finally {
    for (const started of [bare, ours]) if (started.status === "fulfilled") await started.value.stop();
  }
}

export function benchTelegram(options: E2eOptions): Promise<Record<string, number>> {
  const start = (bot: (fake: FakeTelegramApi) => Promise<BotProcess>) => async () => {
    const fake = await FakeTelegramApi.start(TEST_TOKEN, { keepCalls: false });
    return subject(
      telegramDriver(fake),
      () => fake.close(),
      () => bot(fake),
    );
  };
  return sideBySide(
    start((fake) => startBareBot("bare-telegram", TEST_TOKEN, fake.apiRoot)),
    start((fake) => startReportBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot })),
    options,
  );
}

/** Flood limits raised so every command of the one benchmark user counts; the check itself still runs. */
export const OPEN_FLOOD_LIMITS = { RATE_LIMIT_PER_USER: "10000", RATE_LIMIT_PER_CHAT: "100000" };

export function benchDiscord(options: E2eOptions): Promise<Record<string, number>> {
  const start = (bot: (fake: FakeDiscord) => Promise<BotProcess>) => async () => {
    const fake = await FakeDiscord.start();
    return subject(
      discordDriver(fake),
      () => fake.stop(),
      () => bot(fake),
    );
  };
  return sideBySide(
    start((fake) => startBareBot("bare-discord", DISCORD_TOKEN, fake.apiRoot)),
    start((fake) =>
      startReportBot({
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_ROOT: fake.apiRoot,
        ...OPEN_FLOOD_LIMITS,
      }),
    ),
    options,
  );
}
