/**
 * The gate every platform passes its updates through: flood limits before the work (one
 * notice a window, then silence; a look that takes nothing), and a failure logged with
 * secrets masked and apologised for in the user's language, never thrown.
 */
import { describe, expect, it } from "vitest";
import { type Arrival, UpdateGate } from "../src/command/gate.ts";
import { APOLOGY } from "../src/command/messages.ts";
import { FloodGuard } from "../src/command/rate-limit.ts";
import type { Logger } from "../src/log.ts";

const SECRET = "super-secret-token-1234";

/** A gate over a guard of `perUser` commands an hour, with a log and replies that record. */
function gate(perUser = 2) {
  const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const record = (level: string) => (fields: Record<string, unknown>, message: string) =>
    logged.push({ level, fields, message });
  const log = { error: record("error"), warn: record("warn") } as unknown as Logger;
  const floods = new FloodGuard({ perUser, perChat: 100, windowMs: 3_600_000, now: () => 0 });
  const said: string[] = [];
  const replies = {
    limited: async (notice: string | null) => void said.push(notice === null ? "(silence)" : notice),
    apologize: async (text: string) => void said.push(text),
  };
  return { gate: new UpdateGate({ floods, log }, [SECRET]), logged, said, replies };
}

const from = (userId: string, over: Partial<Arrival> = {}): Arrival => ({
  sender: { chat: { platform: "telegram", id: "-1", kind: "group" }, userId },
  locale: "zh",
  failure: { message: "update failed", fields: { update: 7 } },
  ...over,
});

describe("UpdateGate", () => {
  it("lets a sender's share through, then one notice, then silence; the work runs only when let through", async () => {
    const { gate: g, said, replies } = gate(2);
    let worked = 0;
    const work = async () => void worked++;
    for (let i = 0; i < 4; i++) await g.pass(from("a"), replies, work);
    expect(worked).toBe(2);
    expect(said).toEqual(["消息太频繁了 (每人每60分钟最多2条), 请30分钟后再试。", "(silence)"]);
  });

  it("lets a look (autocomplete) through without spending, and refuses it silently once limited", async () => {
    const { gate: g, said, replies } = gate(1);
    let worked = 0;
    const work = async () => void worked++;
    await g.pass(from("a", { spends: false }), replies, work);
    await g.pass(from("a", { spends: false }), replies, work);
    await g.pass(from("a"), replies, work);
    expect(worked).toBe(3);
    await g.pass(from("a", { spends: false }), replies, work);
    expect(worked).toBe(3);
    // The look took nothing and said nothing: the sender's notice is still to come.
    expect(said).toEqual(["(silence)"]);
    await g.pass(from("a"), replies, work);
    expect(said[1]).toMatch(/^消息太频繁了/);
  });

  it("lets an update without a sender through whatever the limits", async () => {
    const { gate: g, replies } = gate(1);
    let worked = 0;
    for (let i = 0; i < 3; i++) await g.pass(from("a", { sender: null }), replies, async () => void worked++);
    expect(worked).toBe(3);
  });

  it("logs a failure with the update's ids and secrets masked, and apologises in the sender's language", async () => {
    const { gate: g, logged, said, replies } = gate();
    const boom = async () => {
      throw new Error(`boom at https://api.example/bot${SECRET}/sendMessage`);
    };
    await g.pass(from("a"), replies, boom);
    await g.pass(from("b", { locale: "en" }), replies, boom);
    expect(said).toEqual([APOLOGY.zh, APOLOGY.en]);
    expect(logged[0]).toMatchObject({ level: "error", message: "update failed", fields: { update: 7 } });
    expect(String(logged[0]?.fields.err)).toContain("boom");
    expect(JSON.stringify(logged)).not.toContain(SECRET);
  });

  it("never throws, even when the apology cannot be sent; that is logged too", async () => {
    const { gate: g, logged } = gate();
    const broken = {
      limited: async () => {},
      apologize: async () => {
        throw new Error("connection reset");
      },
    };
    await expect(
      g.pass(from("a"), broken, async () => {
        throw new Error("boom");
      }),
    ).resolves.toBeUndefined();
    expect(logged.map((l) => l.message)).toEqual(["update failed", "apology not sent"]);
  });

  it("treats a failure to send the flood notice like any other failure", async () => {
    const { gate: g, logged, said } = gate(1);
    const replies = {
      limited: async () => {
        throw new Error("429");
      },
      apologize: async (text: string) => void said.push(text),
    };
    await g.pass(from("a"), replies, async () => {});
    expect(logged).toEqual([]);
    await g.pass(from("a"), replies, async () => {});
    expect(logged[0]?.message).toBe("update failed");
    expect(said).toEqual([APOLOGY.zh]);
  });
});
