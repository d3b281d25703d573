/**
 * Flood control for every platform: a token bucket per user and one per chat. The first
 * refusal in a window is answered politely; later ones are dropped, so an abuser cannot make
 * the bot talk as fast as they type.
 */
import type { Chat } from "../chat.ts";
import { TokenBucket } from "../token-bucket.ts";

/** How much one user and one chat may ask per window, and the clock to measure it with. */
export interface RateLimitOptions {
  /** Commands one user may send in one window (also the largest burst). */
  perUser: number;
  /** Commands one chat may send in one window, all its users together. */
  perChat: number;
  /** The time in which a drained bucket fills up again. */
  windowMs: number;
  /** Buckets kept per scope before idle ones are forgotten. */
  maxKeys: number;
  now: () => number;
}

/** 20 commands per user and 30 per chat, per minute. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  perUser: 20,
  perChat: 30,
  windowMs: 60_000,
  maxKeys: 10_000,
  now: () => Date.now(),
};

/** Whose limit refused a command: the sender's own, or the whole chat's. */
export type FloodScope = "user" | "chat";

/**
 * What to do with a command: serve it; refuse it with one polite notice (`warn`, once per
 * window for that user or chat); or refuse it without a word (`drop`).
 */
export type FloodVerdict =
  | { action: "allow" }
  | { action: "warn"; scope: FloodScope; retryAfterMs: number }
  | { action: "drop"; scope: FloodScope; retryAfterMs: number };

/** The share of `maxKeys` a sweep that finds too few rested buckets brings the count down to. */
const LOW_WATER = 0.9;

/** A bucket of the flood guard, and when its owner was last told they are over the limit. */
interface Entry {
  bucket: TokenBucket;
  warnedAt: number | null;
}

/**
 * Token buckets by key, `capacity` requests per `windowMs`. Knows nothing of users or chats;
 * FloodGuard decides which buckets a request draws from. Memory is bounded: beyond `maxKeys`
 * buckets, rested ones are forgotten, and if too few are rested the oldest go too — their
 * owners get a fresh allowance, which a flood guard can afford.
 */
class FloodBuckets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  entry(key: string, at: number): Entry {
    const known = this.entries.get(key);
    if (known) return known;
    this.forgetIdle(at);
    const fresh: Entry = { bucket: new TokenBucket(this.capacity, this.windowMs, at), warnedAt: null };
    this.entries.set(key, fresh);
    return fresh;
  }

  /** Whether a refusal now is the first of its window, and so earns a notice. */
  firstRefusal(entry: Entry, at: number): boolean {
    if (entry.warnedAt !== null && at - entry.warnedAt < this.windowMs) return false;
    entry.warnedAt = at;
    return true;
  }

  private forgetIdle(at: number): void {
    if (this.entries.size < this.maxKeys) return;
    for (const [key, entry] of this.entries) {
      if (entry.bucket.isRested(at)) this.entries.delete(key);
    }
    // Still crowded with active keys: forget the oldest down to the low-water mark rather
    // than grow without bound. Forgetting only one would sweep every key again for each new
    // sender (~0.15 ms each with 10,000 active); this way a sweep waits for a tenth more.
    const keep = Math.floor(this.maxKeys * LOW_WATER);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= keep) break;
      this.entries.delete(key);
    }
  }
}

/** Who sends a command, and where. */
export interface Sender {
  chat: Chat;
  userId: string;
}

/**
 * The per-user and per-chat limits together. A command is served only when both buckets have
 * a token, and then takes one from each; a refused command costs nothing, so a user is served
 * again as soon as a token is back. The user's own limit is asked first: one user's flood
 * spends at most `perUser` of the chat's tokens, and the rest of the chat is still served.
 */
export class FloodGuard {
  private readonly options: RateLimitOptions;
  private readonly users: FloodBuckets;
  private readonly chats: FloodBuckets;

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
    const { perUser, perChat, windowMs, maxKeys } = this.options;
    this.users = new FloodBuckets(perUser, windowMs, maxKeys);
    this.chats = new FloodBuckets(perChat, windowMs, maxKeys);
  }

  /** Takes a token for the sender and their chat if both have one, and says what to do. */
  take(sender: Sender): FloodVerdict {
    const at = this.options.now();
    const { platform, id } = sender.chat;
    const user = this.users.entry(`${platform}:${sender.userId}`, at);
    const chat = this.chats.entry(`${platform}:${id}`, at);
    if (!user.bucket.has(at)) return this.refuse(this.users, user, "user", at);
    if (!chat.bucket.has(at)) return this.refuse(this.chats, chat, "chat", at);
    user.bucket.take();
    chat.bucket.take();
    return { action: "allow" };
  }

  /**
   * Whether the sender would be refused now, without taking a token: for requests such as
   * autocomplete that come with every keystroke and must not use up the commands' budget.
   */
  isLimited(sender: Sender): boolean {
    const at = this.options.now();
    const { platform, id } = sender.chat;
    return (
      !this.users.entry(`${platform}:${sender.userId}`, at).bucket.has(at) ||
      !this.chats.entry(`${platform}:${id}`, at).bucket.has(at)
    );
  }

  /** The limits, for the notice. */
  get limits(): Pick<RateLimitOptions, "perUser" | "perChat" | "windowMs"> {
    const { perUser, perChat, windowMs } = this.options;
    return { perUser, perChat, windowMs };
  }

  private refuse(buckets: FloodBuckets, entry: Entry, scope: FloodScope, at: number): FloodVerdict {
    const retryAfterMs = entry.bucket.waitMs(at);
    return { action: buckets.firstRefusal(entry, at) ? "warn" : "drop", scope, retryAfterMs };
  }
}
