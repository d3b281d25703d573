/** Flood limits per user and per chat, on a fake clock. */
import { describe, expect, it } from "vitest";
import { floodNotice } from "../src/command/messages.ts";
import { FloodGuard, type FloodVerdict, type Sender } from "../src/command/rate-limit.ts";
import type { Chat } from "../src/command/types.ts";

const group: Chat = { platform: "telegram", id: "-100", kind: "group" };

function guard(perUser: number, perChat: number, maxKeys = 10_000) {
  let now = 0;
  const floods = new FloodGuard({ perUser, perChat, windowMs: 60_000, maxKeys, now: () => now });
  const advance = (ms: number) => {
    now += ms;
  };
  return { floods, advance };
}

const by = (userId: string, chat: Chat = group): Sender => ({ chat, userId });
const actions = (verdicts: FloodVerdict[]) => verdicts.map((v) => v.action);

describe("FloodGuard", () => {
  it("allows a user's burst, warns once, then drops silently; other users go on", () => {
    const { floods } = guard(3, 100);
    expect(actions(Array.from({ length: 5 }, () => floods.take(by("a"))))).toEqual([
      "allow",
      "allow",
      "allow",
      "warn",
      "drop",
    ]);
    expect(floods.take(by("b")).action).toBe("allow");
  });

  it("refills evenly over the window and warns again only in a new window", () => {
    const { floods, advance } = guard(3, 100);
    for (let i = 0; i < 3; i++) floods.take(by("a"));
    expect(floods.take(by("a"))).toEqual({ action: "warn", scope: "user", retryAfterMs: 20_000 });
    advance(20_000); // one token back (3 per 60 s)
    expect(floods.take(by("a")).action).toBe("allow");
    expect(floods.take(by("a")).action).toBe("drop");
    advance(40_000);
    floods.take(by("a"));
    floods.take(by("a"));
    expect(floods.take(by("a")).action).toBe("warn");
  });

  it("limits a chat as a whole, with one warning for the chat, not one per user", () => {
    const { floods } = guard(5, 4);
    const verdicts = ["a", "b", "c", "d", "e", "f", "g"].map((u) => floods.take(by(u)));
    expect(actions(verdicts)).toEqual(["allow", "allow", "allow", "allow", "warn", "drop", "drop"]);
    expect(verdicts[4]).toMatchObject({ scope: "chat" });
    const elsewhere: Chat = { platform: "telegram", id: "-200", kind: "group" };
    expect(floods.take(by("a", elsewhere)).action).toBe("allow");
  });

  it("lets one user's flood spend only that user's share of the chat", () => {
    const { floods } = guard(3, 5);
    for (let i = 0; i < 1000; i++) floods.take(by("spammer"));
    expect(actions([floods.take(by("b")), floods.take(by("c")), floods.take(by("d"))])).toEqual([
      "allow",
      "allow",
      "warn",
    ]);
  });

  it("keeps platforms apart: the same ids on Telegram and Discord are different people", () => {
    const { floods } = guard(1, 100);
    floods.take(by("42"));
    expect(floods.take(by("42", { ...group, platform: "discord" })).action).toBe("allow");
  });

  it("tells whether a sender is limited without spending a token", () => {
    const { floods } = guard(2, 100);
    expect(floods.isLimited(by("a"))).toBe(false);
    expect(floods.isLimited(by("a"))).toBe(false);
    floods.take(by("a"));
    floods.take(by("a"));
    expect(floods.isLimited(by("a"))).toBe(true);
    // Asking did not use up the warning either.
    expect(floods.take(by("a")).action).toBe("warn");
  });

  it("keeps at most maxKeys buckets, forgetting the oldest", () => {
    const { floods } = guard(1, 100, 2);
    const chatOf = (u: string): Sender => by(u, { platform: "telegram", id: u, kind: "private" });
    floods.take(chatOf("a"));
    floods.take(chatOf("b"));
    expect(floods.take(chatOf("a")).action).toBe("warn"); // still remembered
    floods.take(chatOf("c")); // a's bucket is the oldest: forgotten
    expect(floods.take(chatOf("a")).action).toBe("allow");
  });

  it("when every bucket is in use, forgets the oldest tenth at once, not one per new sender", () => {
    const { floods } = guard(1, 100, 100);
    const chatOf = (u: number): Sender => by(`u${u}`, { platform: "telegram", id: `u${u}`, kind: "private" });
    // 100 senders, each with an empty bucket: none is rested.
    for (let u = 0; u < 100; u++) floods.take(chatOf(u));
    // The 101st forgets u0–u9; the next eight fit without forgetting anyone.
    for (let u = 100; u < 109; u++) floods.take(chatOf(u));
    expect(floods.take(chatOf(10)).action).toBe("warn"); // still remembered
    expect(floods.take(chatOf(9)).action).toBe("allow"); // forgotten with the oldest tenth
  });
});

describe("floodNotice", () => {
  const limits = { perUser: 20, perChat: 30, windowMs: 60_000 };

  it("says whose limit it is, what it allows and when to try again, in the user's language", () => {
    const user = { action: "warn", scope: "user", retryAfterMs: 2_400 } as const;
    expect(floodNotice(user, limits, "zh")).toBe("消息太频繁了 (每人每60秒最多20条), 请3秒后再试。");
    expect(floodNotice(user, limits, "en")).toBe(
      "Too many commands (at most 20 per person per 60 s); please try again in 3 s.",
    );
    const chat = { action: "warn", scope: "chat", retryAfterMs: 600_000 } as const;
    expect(floodNotice(chat, { ...limits, windowMs: 3_600_000 }, "zh")).toBe(
      "这个聊天里的命令太多了 (每60分钟最多30条), 请10分钟后再试。",
    );
  });
});
