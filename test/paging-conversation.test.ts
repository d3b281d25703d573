/**
 * Paging that follows the conversation: 下一页, 更多, 上一页, 第N页 and page:N sent alone turn
 * the page of the chat's last paged answer, in each chat for itself, in the console as in
 * a chat; the memory is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { answer } from "../src/answer/build.ts";
import type { App } from "../src/app.ts";
import { PagedConversations, pageTurn } from "../src/command/conversation.ts";
import type { Invocation } from "../src/command/types.ts";
import { makeTestApp } from "./helpers/app.ts";
import { consoleTranscript } from "./helpers/console.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

let chats = 0;
/** A private chat of its own, so each test starts with no paged answer. */
function newChat(): Omit<Invocation, "command" | "args"> {
  const id = `paging-${chats++}`;
  return { ...CONSOLE_CHAT, chat: { platform: "telegram", id, kind: "private" }, userId: id };
}

describe("reading a page turn", () => {
  it("knows the words for the next, the previous and a given page, and nothing else", () => {
    for (const next of ["下一页", "更多", "下一页。", "更多!", " next ", "More"])
      expect(pageTurn(next)).toEqual({ kind: "next" });
    for (const previous of ["上一页", "上页", "previous"])
      expect(pageTurn(previous)).toEqual({ kind: "previous" });
    for (const [text, page] of [
      ["page:2", 2],
      ["page：3", 3],
      ["page 4", 4],
      ["第2页", 2],
      ["第二页", 2],
      ["第十一页", 11],
    ] as const)
      expect(pageTurn(text)).toEqual({ kind: "page", page });
    for (const other of ["更多法律援助的数字", "下一步工作打算", "第七部分", "page:0", "page:x", "公证"])
      expect(pageTurn(other)).toBeNull();
  });
});

describe("turning the page of the last paged answer", () => {
  it("follows /search with 下一页, 更多, 上一页, page:N and 第N页", async () => {
    const chat = newChat();
    const say = (line: string) => app.dispatcher.handleLine(line, chat);
    const first = await say("/search 执法");
    expect(first.paging).toMatchObject({ page: 1, line: "/search 执法" });
    const pages = first.paging?.pages ?? 0;
    expect(pages).toBeGreaterThanOrEqual(3);

    const second = await say("下一页");
    expect(second.command).toBe("search");
    expect(second.paging?.page).toBe(2);
    expect(second.text).toBe((await say("/search 执法 page:2")).text);
    expect((await say("更多")).paging?.page).toBe(3);
    expect((await say("上一页")).paging?.page).toBe(2);
    expect((await say("page:3")).paging?.page).toBe(3);
    expect((await say("第一页")).paging?.page).toBe(1);
    expect((await say(`第${pages}页`)).paging?.page).toBe(pages);
  });

  it("takes /stat page:N without keywords as the next page of the last /stat answer", async () => {
    const chat = newChat();
    await app.dispatcher.handleLine("/stat 件", chat);
    const second = await app.dispatcher.handleLine("/stat page:2", chat);
    expect(second.ok).toBe(true);
    expect(second.title).toContain("“件”的相关数字");
    expect(second.paging?.page).toBe(2);
    // Another command's page:N does not page it: that command still wants its argument.
    const search = await app.dispatcher.handleLine("/search page:2", chat);
    expect(search.error?.code).toBe("bad_input");
  });

  it("pages a question's answer, asked in plain words", async () => {
    const chat = newChat();
    const first = await app.dispatcher.handleLine("执法人员", chat);
    expect(first.paging?.pages ?? 0).toBeGreaterThan(1);
    const next = await app.dispatcher.handleLine("下一页", chat);
    expect(next.command).toBe("ask");
    expect(next.paging?.page).toBe(2);
  });

  it("says so, in plain words, before any paged answer and past the last page", async () => {
    const chat = newChat();
    const none = await app.dispatcher.handleLine("下一页", chat);
    expect(none.ok).toBe(false);
    expect(none.text).toContain("还没有可以翻页的回答");
    const alone = await app.dispatcher.handleLine("page:2", chat);
    expect(alone.text).toContain("还没有可以翻页的回答");

    const first = await app.dispatcher.handleLine("/stat 件", chat);
    const last = first.paging?.pages ?? 0;
    await app.dispatcher.handleLine(`page:${last}`, chat);
    const beyond = await app.dispatcher.handleLine("下一页", chat);
    expect(beyond.ok).toBe(false);
    expect(beyond.text).toContain(`已经是最后一页了 (共${last}页)`);
    expect(beyond.suggestions).toEqual(["/stat 件 page:1"]);
  });

  it("keeps each chat's answer to itself", async () => {
    const one = newChat();
    const other = newChat();
    await app.dispatcher.handleLine("/search 执法", one);
    await app.dispatcher.handleLine("/stat 件", other);
    expect((await app.dispatcher.handleLine("下一页", one)).command).toBe("search");
    expect((await app.dispatcher.handleLine("下一页", other)).command).toBe("stat");
  });

  it("keeps the last paged answer when an answer without pages comes between", async () => {
    const chat = newChat();
    await app.dispatcher.handleLine("/search 执法", chat);
    await app.dispatcher.handleLine("/about", chat);
    expect((await app.dispatcher.handleLine("下一页", chat)).paging?.page).toBe(2);
  });

  it("remembers a bounded number of chats, forgetting the least recent", () => {
    const memory = new PagedConversations(2);
    const paged = (line: string) =>
      answer("stat", {
        title: "t",
        paging: { line, page: 1, pages: 3, total: 30, next: null, previous: null },
      });
    memory.remember("a", paged("/stat a"));
    memory.remember("b", paged("/stat b"));
    memory.remember("a", paged("/stat a2"));
    memory.remember("c", paged("/stat c"));
    expect(memory.lastPaged("b")).toBeNull();
    expect(memory.lastPaged("a")?.line).toBe("/stat a2");
    expect(memory.lastPaged("c")?.line).toBe("/stat c");
  });
});

describe("the console", () => {
  it("turns the page on 下一页 and shows the buttons as the commands they run", async () => {
    const shown = await consoleTranscript(app, "/search 执法\n下一页\n/section 七\n");
    expect(shown).toContain("第1/5页 · 看下一页: 发“下一页”或 /search 执法 page:2");
    expect(shown).toContain("第2/5页");
    expect(shown).toContain("按钮: [‹ 1.6] /section 1.6  [↑ 1] /section 1  [1.8 ›] /section 1.8");
  });
});
