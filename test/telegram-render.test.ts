/** Telegram HTML rendering and keyboards, on synthetic answers (no network). */
import { describe, expect, it } from "vitest";
import { answerKeyboard, CALLBACK_DATA_LIMIT, CallbackStore } from "../src/adapters/telegram/keyboard.ts";
import { escapeHtml, MESSAGE_LIMIT, renderAnswer, splitMessages } from "../src/adapters/telegram/render.ts";
import type { FigureView } from "../src/answer/answer.ts";
import { answer, paginate } from "../src/answer/build.ts";
import { checkTelegramHtml, visibleText } from "./fakes/telegram-api.ts";

function figure(over: Partial<FigureView> = {}): FigureView {
  return {
    value: 1114,
    unit: "件",
    raw: "1114件",
    qualifier: null,
    change: null,
    label: "法律援助案件",
    sectionId: "1.7",
    sectionTitle: "加强基层治理,妥善化解矛盾纠纷",
    nodeId: "1.7.3",
    sentence: "全年共受理各类法律援助案件1114件,",
    ...over,
  };
}

describe("escapeHtml", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeHtml(`<b>"A" & 'B'</b>`)).toBe(`&lt;b&gt;"A" &amp; 'B'&lt;/b&gt;`);
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("renderAnswer", () => {
  it("renders a figure as label, bold raw value, section, and the sentence in italics", () => {
    const f = figure();
    const [html] = renderAnswer(
      answer("stat", {
        title: "“法律援助”的相关数字 (共1项)",
        blocks: [{ kind: "figures", figures: [f], startAt: 1 }],
      }),
    );
    expect(html).toBe(
      [
        "<b>“法律援助”的相关数字 (共1项)</b>",
        "",
        "1. 法律援助案件: <b>1114件</b> 〔1.7 加强基层治理,妥善化解矛盾纠纷〕",
        "    <i>“全年共受理各类法律援助案件1114件,”</i>",
      ].join("\n"),
    );
  });

  it("escapes report and user text everywhere and stays valid Telegram HTML", () => {
    const hostile = "<script>&</script>";
    const html = renderAnswer(
      answer("stat", {
        title: hostile,
        blocks: [
          { kind: "heading", text: hostile },
          { kind: "paragraph", text: `${hostile}\n第二行 <i>` },
          { kind: "list", ordered: true, items: [hostile] },
          {
            kind: "figures",
            figures: [figure({ label: hostile, sentence: hostile, sectionTitle: hostile })],
            startAt: 3,
          },
          {
            kind: "sentences",
            sentences: [{ sectionId: "2", sectionTitle: hostile, text: hostile }],
            startAt: 1,
          },
        ],
        suggestions: [hostile],
        report: { id: "r", title: hostile, version: 1 },
      }),
    ).join("\n");
    expect(checkTelegramHtml(html)).toBeNull();
    expect(html).not.toContain("<script>");
    // Title, heading, paragraph, list item, figure (label, section, sentence), sentence
    // (section, text), suggestion, source: every one shown as typed.
    expect(visibleText(html).split(hostile).length - 1).toBe(11);
  });

  it("shows the page line of a paged answer", () => {
    const items = Array.from({ length: 25 }, (_, i) => figure({ raw: `${i}件` }));
    const { shown, startAt, paging } = paginate(items, 2, 10, "/stat 件");
    const [html = ""] = renderAnswer(
      answer("stat", { title: "t", blocks: [{ kind: "figures", figures: shown, startAt }], paging }),
    );
    expect(html).toContain("<i>第2/3页, 共25项</i>");
    expect(html).toContain("11. 法律援助案件: <b>10件</b>");
  });
});

describe("splitMessages", () => {
  it("breaks only between lines, each message within the limit, nothing lost", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${"字".repeat(i % 50)}<b>${i}</b>`);
    const messages = splitMessages(lines);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(checkTelegramHtml(m)).toBeNull();
    }
    expect(messages.join("\n").split("\n")).toEqual(lines);
  });

  it("cuts a single over-long line without splitting an entity or a tag", () => {
    const line = `<b>${"&amp;".repeat(3000)}</b>`;
    const messages = splitMessages([line], 100);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(100);
      expect(checkTelegramHtml(m)).toBeNull();
    }
    expect(messages.map(visibleText).join("")).toBe("&".repeat(3000));
  });

  it("sends no message that would show nothing (an empty heading after a cut line)", () => {
    const messages = splitMessages(["<b>标题</b>", "x".repeat(150), "", "<b></b>"], 100);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(visibleText(m).trim()).not.toBe("");
  });

  it("keeps a surrogate pair whole", () => {
    const messages = splitMessages(["a𝌆".repeat(50)], 10);
    expect(messages.join("")).toBe("a𝌆".repeat(50));
    const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
    const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
    for (const m of messages) {
      expect(isLow(m.charCodeAt(0))).toBe(false);
      expect(isHigh(m.charCodeAt(m.length - 1))).toBe(false);
    }
  });
});

describe("CallbackStore", () => {
  it("puts a short command line in the button itself", () => {
    const store = new CallbackStore();
    const data = store.encode("/stat 法律援助 page:2");
    expect(data).toBe("c:/stat 法律援助 page:2");
    expect(store.decode(data)).toBe("/stat 法律援助 page:2");
  });

  it("keeps a line over 64 UTF-8 bytes behind a short key", () => {
    const store = new CallbackStore();
    const line = `/stat ${"法律援助".repeat(5)} page:2`;
    expect(line.length).toBeLessThan(CALLBACK_DATA_LIMIT);
    const data = store.encode(line);
    expect(data.startsWith("k:")).toBe(true);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(store.decode(data)).toBe(line);
  });

  it("forgets the least recently used line beyond its capacity", () => {
    const store = new CallbackStore(2);
    const long = (n: number) => `/search ${"很长的关键词".repeat(4)} ${n}`;
    const a = store.encode(long(1));
    const b = store.encode(long(2));
    expect(store.decode(a)).toBe(long(1)); // a is now the most recent
    store.encode(long(3));
    expect(store.decode(b)).toBeNull();
    expect(store.decode(a)).toBe(long(1));
    expect(store.decode("k:unknown")).toBeNull();
    expect(store.decode("something else")).toBeNull();
  });
});

describe("answerKeyboard", () => {
  it("has paging buttons first, then the actions two to a row", () => {
    const store = new CallbackStore();
    const { paging } = paginate(Array.from({ length: 30 }), 2, 10, "/stat 件");
    const keyboard = answerKeyboard(
      answer("stat", {
        title: "t",
        paging,
        actions: [
          { label: "目录", command: "/toc" },
          { label: "摘要", command: "/summary" },
          { label: "计划", command: "/plan" },
        ],
      }),
      store,
    );
    const rows = keyboard?.inline_keyboard.map((row) => row.map((b) => b.text));
    expect(rows).toEqual([["‹ 上一页", "更多 ›"], ["目录", "摘要"], ["计划"]]);
  });

  it("is undefined for an answer with nothing to press", () => {
    expect(answerKeyboard(answer("about", { title: "t" }), new CallbackStore())).toBeUndefined();
  });
});
