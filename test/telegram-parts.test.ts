/** The Telegram adapter's small parts: routing, error text, inline paging. */
import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { inlineArgs, inlinePage, nextOffset } from "../src/adapters/telegram/inline.ts";
import { chatKind, localeOf, routeText } from "../src/adapters/telegram/invocation.ts";
import { answer, paginate } from "../src/answer/build.ts";
import { describeError } from "../src/log.ts";
import { TEST_TOKEN } from "./fakes/telegram-api.ts";

describe("routeText", () => {
  const ours = (name: string) => ["stat", "help", "统计"].includes(name);
  const route = (text: string, kind: "private" | "group" | "channel" = "private") =>
    routeText(text, kind, "ReportBot", ours);

  it("reads commands, with or without this bot's name (any case)", () => {
    expect(route("/stat 法律援助")).toEqual({ kind: "command", command: "stat", args: "法律援助" });
    expect(route("/stat@reportbot 法律援助", "group")).toEqual({
      kind: "command",
      command: "stat",
      args: "法律援助",
    });
    expect(route("／统计 法律援助", "group")).toEqual({ kind: "command", command: "统计", args: "法律援助" });
  });

  it("ignores commands for other bots, and unknown unaddressed commands outside private chats", () => {
    expect(route("/stat@OtherBot 法律援助", "group")).toEqual({ kind: "ignore" });
    expect(route("/stat@OtherBot 法律援助")).toEqual({ kind: "ignore" });
    expect(route("/frobnicate", "group")).toEqual({ kind: "ignore" });
    expect(route("/frobnicate@ReportBot", "group")).toEqual({
      kind: "command",
      command: "frobnicate",
      args: "",
    });
    expect(route("/frobnicate")).toEqual({ kind: "command", command: "frobnicate", args: "" });
  });

  it("takes plain text as a question in private chats, and in groups when it is addressed to the bot", () => {
    expect(route("  法律援助  ")).toEqual({ kind: "question", text: "法律援助" });
    expect(route("法律援助", "group")).toEqual({ kind: "ignore" });
    expect(route("法律援助", "channel")).toEqual({ kind: "ignore" });
    expect(route("   ")).toEqual({ kind: "ignore" });
    // An @mention, anywhere and in any case, is taken off the question.
    expect(route("@ReportBot 法律援助案件有多少件?", "group")).toEqual({
      kind: "question",
      text: "法律援助案件有多少件?",
    });
    expect(route("法律援助案件有多少件 @reportbot", "group")).toEqual({
      kind: "question",
      text: "法律援助案件有多少件",
    });
    expect(route("@OtherBot 法律援助", "group")).toEqual({ kind: "ignore" });
    expect(route("@ReportBotFan 法律援助", "group")).toEqual({ kind: "ignore" });
    expect(route("@ReportBot", "group")).toEqual({ kind: "ignore" });
    expect(route("@ReportBot /stat 公证", "group")).toEqual({
      kind: "command",
      command: "stat",
      args: "公证",
    });
    // A reply to one of the bot's messages is addressed to it.
    expect(routeText("那公证呢?", "group", "ReportBot", ours, true)).toEqual({
      kind: "question",
      text: "那公证呢?",
    });
  });
});

describe("chat kinds and locales", () => {
  it("maps Telegram's chat types and language codes", () => {
    expect((["private", "group", "supergroup", "channel"] as const).map((t) => chatKind(t))).toEqual([
      "private",
      "group",
      "group",
      "channel",
    ]);
    expect([
      localeOf("en"),
      localeOf("en-GB"),
      localeOf("zh-hans"),
      localeOf("ru"),
      localeOf(undefined),
    ]).toEqual(["en", "en", "zh", "zh", "zh"]);
  });
});

describe("describeError", () => {
  it("keeps the wrapped fetch error's reason but masks the token in its URL", () => {
    const fetchError = new Error(
      `request to http://127.0.0.1:1/bot${TEST_TOKEN}/sendMessage failed, reason: socket hang up`,
    );
    const text = describeError(new HttpError("Network request for 'sendMessage' failed!", fetchError));
    expect(text).toContain("HttpError: Network request for 'sendMessage' failed!");
    expect(text).toContain("socket hang up");
    expect(text).toContain("/bot<token>/sendMessage");
    expect(text).not.toContain(TEST_TOKEN);
  });

  it("masks extra secrets and follows causes", () => {
    const text = describeError(new Error("outer", { cause: "inner secret-value-123" }), ["secret-value-123"]);
    expect(text).toContain("caused by: inner <token>");
  });
});

describe("inline paging", () => {
  it("reads the offset as a page and passes it to /stat", () => {
    expect(inlinePage("")).toBe(1);
    expect(inlinePage("3")).toBe(3);
    expect(inlinePage("x")).toBe(1);
    expect(inlineArgs("法律援助", 1)).toBe("法律援助");
    expect(inlineArgs("法律援助", 2)).toBe("法律援助 page:2");
  });

  it("offers a next offset only when there is a next page", () => {
    const { paging } = paginate(Array.from({ length: 25 }), 2, 10, "/stat x");
    expect(nextOffset(answer("stat", { title: "t", paging }), 2)).toBe("3");
    expect(nextOffset(answer("stat", { title: "t" }), 1)).toBe("");
  });
});
