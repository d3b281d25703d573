/**
 * Hostile input through the whole path to each platform: any command line (typed, or as a
 * Discord form's named options) goes through the dispatcher, the query core and the cache,
 * and then through the Telegram and Discord renderers. Whatever comes in, Telegram gets
 * well-formed HTML it accepts, within 4096 characters, with the user's text escaped;
 * Discord gets payloads that cannot mention anyone, within every limit of embeds and buttons.
 */

import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
  InteractionReplyOptions,
  InteractionUpdateOptions,
} from "discord.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomIdStore } from "../src/adapters/discord/buttons.ts";
import { escapeDiscordMarkdown } from "../src/adapters/discord/render.ts";
import { replyOptions, updateOptions } from "../src/adapters/discord/reply.ts";
import { inlineResults } from "../src/adapters/telegram/inline.ts";
import { answerKeyboard, CallbackStore } from "../src/adapters/telegram/keyboard.ts";
import { renderAnswer } from "../src/adapters/telegram/render.ts";
import type { Answer } from "../src/answer/answer.ts";
import { type AnswerParts, answer, refusal } from "../src/answer/build.ts";
import type { App } from "../src/app.ts";
import type { Invocation } from "../src/command/types.ts";
import { checkTelegramHtml, visibleText } from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";
import { hostilePiece } from "./helpers/hostile.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

/** A string with an unpaired surrogate: JSON carries it, but neither platform takes it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string in a payload (JSON.stringify would hide a lone surrogate behind an escape). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(stringsIn);
}
const hasLoneSurrogate = (value: unknown) => stringsIn(value).some((s) => LONE_SURROGATE.test(s));

const piece = fc.oneof(
  { weight: 3, arbitrary: hostilePiece },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);
const text = fc.oneof(
  { weight: 20, arbitrary: fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 10_000, maxLength: 10_000 }) },
);

const commandNames = [
  "stat",
  "search",
  "section",
  "summary",
  "help",
  "report",
  "plan",
  "problems",
  "toc",
  "about",
  "start",
  "x",
];

/** As typed in a chat: "/stat …", "/stat@bot …", or a plain question. */
const typed = fc
  .tuple(fc.constantFrom(...commandNames.map((n) => `/${n} `), "/stat@bot ", ""), text)
  .map(([prefix, rest]) => ({ kind: "typed" as const, line: prefix + rest }));

/** As a Discord form sends it: the command's named options. */
const form = fc
  .tuple(fc.constantFrom(...commandNames), text, fc.option(fc.integer({ min: -5, max: 1000 })))
  .map(([command, value, page]) => ({ kind: "form" as const, command, value, page }));

const input = fc.oneof(typed, form);

const base: Omit<Invocation, "command" | "args"> = {
  chat: { platform: "discord", id: "1300000000000000001", kind: "group" },
  userId: "1300000000000000002",
  locale: "zh",
  isChatAdmin: false,
};

type Input =
  | { kind: "typed"; line: string }
  | { kind: "form"; command: string; value: string; page: number | null };

/** The dispatcher's answer to a typed line or a form, as the platform would hand it over. */
async function answerFor(given: Input): Promise<Answer> {
  if (given.kind === "typed") return app.dispatcher.handleLine(given.line, base);
  const command = app.registry.find(given.command);
  const names = Object.keys(command?.options ?? { value: null });
  const args: Record<string, string | number> = {};
  for (const name of names) args[name] = name === "page" && given.page !== null ? given.page : given.value;
  return app.dispatcher.handle({ ...base, command: given.command, args });
}

/** Every piece of text in an answer that comes from the user or the report. */
function answerTexts(answer: Answer): string[] {
  const texts = [answer.title, ...answer.suggestions];
  for (const block of answer.blocks) {
    if (block.kind === "heading" || block.kind === "paragraph") texts.push(block.text);
    if (block.kind === "list") texts.push(...block.items);
    if (block.kind === "figures") texts.push(...block.figures.flatMap((f) => [f.label, f.sentence]));
    if (block.kind === "sentences") texts.push(...block.sentences.map((s) => s.text));
  }
  return texts;
}

// ---- Telegram -------------------------------------------------------------------------

const callbackStore = new CallbackStore();

function checkTelegram(answer: Answer): void {
  const messages = renderAnswer(answer);
  expect(messages.length).toBeGreaterThan(0);
  for (const html of messages) {
    expect(html.length).toBeLessThanOrEqual(4096);
    expect(visibleText(html).trim()).not.toBe("");
    expect(checkTelegramHtml(html)).toBeNull();
    expect(html).not.toMatch(LONE_SURROGATE);
  }
  // Escaped: every piece of text is shown as it was (splitting adds line breaks only).
  const shown = messages.map(visibleText).join("").replace(/\n/g, "");
  for (const piece of answerTexts(answer))
    expect(shown).toContain(piece.toWellFormed().replace(/\n/g, "").trim());

  const keyboard = answerKeyboard(answer, callbackStore);
  expect(hasLoneSurrogate(keyboard)).toBe(false);
  for (const button of keyboard?.inline_keyboard.flat() ?? []) {
    expect(button.text.trim()).not.toBe("");
    const data = "callback_data" in button ? button.callback_data : "";
    expect(Buffer.byteLength(data, "utf8")).toBeGreaterThan(0);
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
  }
  const results = inlineResults(answer, 1);
  expect(results.length).toBeLessThanOrEqual(50);
  for (const r of results) {
    expect(r.title.trim()).not.toBe("");
    const message = r.input_message_content as { message_text: string };
    expect(message.message_text.length).toBeLessThanOrEqual(4096);
    expect(checkTelegramHtml(message.message_text)).toBeNull();
    expect(hasLoneSurrogate(r)).toBe(false);
  }
}

// ---- Discord --------------------------------------------------------------------------

const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  rows: 5,
  perRow: 5,
  customId: 100,
  label: 80,
};

function checkEmbed(embed: APIEmbed): void {
  const title = embed.title ?? "";
  const description = embed.description ?? "";
  const footer = embed.footer?.text ?? "";
  const fields = embed.fields ?? [];
  expect(title.length).toBeLessThanOrEqual(LIMITS.title);
  expect(description.length).toBeLessThanOrEqual(LIMITS.description);
  expect(footer.length).toBeLessThanOrEqual(LIMITS.footer);
  expect(fields.length).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of fields) {
    expect(f.name.trim().length).toBeGreaterThan(0);
    expect(f.value.trim().length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  if (embed.title !== undefined) expect(title.trim()).not.toBe("");
  if (embed.description !== undefined) expect(description.trim()).not.toBe("");
  const total =
    title.length +
    description.length +
    footer.length +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  expect(total).toBeLessThanOrEqual(LIMITS.total);
}

type Payload = InteractionReplyOptions | InteractionUpdateOptions;

function checkDiscordPayload(options: Payload): void {
  // As it goes on the wire: embeds and buttons may be handed over as JSON-encodable objects.
  const payload = JSON.parse(JSON.stringify(options)) as Payload;
  expect(payload.allowedMentions).toEqual({ parse: [] });
  const embeds = (payload.embeds ?? []) as APIEmbed[];
  expect(embeds.length).toBeLessThanOrEqual(10);
  for (const embed of embeds) checkEmbed(embed);
  const rows = (payload.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
  expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.perRow);
    for (const button of row.components) {
      expect(button.custom_id.length).toBeGreaterThan(0);
      expect(button.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(button.label?.trim().length ?? 0).toBeGreaterThan(0);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.label);
      expect(ids.has(button.custom_id)).toBe(false);
      ids.add(button.custom_id);
    }
  }
  expect(hasLoneSurrogate(payload)).toBe(false);
}

const customIds = new CustomIdStore();
function checkDiscord(answer: Answer): void {
  checkDiscordPayload(replyOptions(answer, customIds));
  checkDiscordPayload(updateOptions(answer, customIds));
}

// ---- Any answer ----------------------------------------------------------------------

/** Text as a report or a command might put in an answer: hostile, empty, blank or very long. */
const anyText = fc.oneof(
  { weight: 8, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\n", " \n ") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(piece, fc.integer({ min: 100, max: 3000 }))
      .map(([p, n]) => (p || "长").repeat(Math.ceil(n / Math.max(1, p.length)))),
  },
);

/** What the core always fills in: an answer's title, a button's label and command line. */
const filled = anyText.filter((t) => t.trim() !== "");

const figureView = fc.record({
  value: fc.double({ noNaN: true }),
  unit: anyText,
  raw: filled,
  qualifier: fc.option(anyText),
  change: fc.constantFrom("increase" as const, "decrease" as const, null),
  label: anyText,
  sectionId: anyText,
  sectionTitle: anyText,
  nodeId: anyText,
  sentence: anyText,
});

const block = fc.oneof(
  fc.record({ kind: fc.constant("paragraph" as const), text: anyText }),
  fc.record({ kind: fc.constant("heading" as const), text: anyText }),
  fc.record({
    kind: fc.constant("list" as const),
    ordered: fc.boolean(),
    items: fc.array(anyText, { maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant("figures" as const),
    figures: fc.array(figureView, { maxLength: 30 }),
    startAt: fc.integer({ min: 1, max: 1000 }),
  }),
  fc.record({
    kind: fc.constant("sentences" as const),
    sentences: fc.array(fc.record({ sectionId: anyText, sectionTitle: anyText, text: anyText }), {
      maxLength: 20,
    }),
    startAt: fc.integer({ min: 1, max: 1000 }),
  }),
);

const action = fc.record({ label: filled, command: filled.map((t) => `/${t}`) });

const anyAnswer: fc.Arbitrary<Answer> = fc
  .record({
    ok: fc.boolean(),
    title: filled,
    blocks: fc.array(block, { maxLength: 6 }),
    sections: fc.array(fc.record({ id: anyText, title: anyText }), { maxLength: 8 }),
    report: fc.option(fc.record({ id: anyText, title: anyText, version: fc.nat() })),
    paging: fc.option(
      fc.record({
        line: anyText,
        page: fc.integer({ min: 1, max: 100 }),
        pages: fc.integer({ min: 1, max: 100 }),
        total: fc.nat(),
        next: fc.option(action),
        previous: fc.option(action),
      }),
    ),
    actions: fc.array(action, { maxLength: 30 }),
    suggestions: fc.array(anyText, { maxLength: 8 }),
  })
  .map((parts) => {
    const figures = parts.blocks.flatMap((b) => (b.kind === "figures" ? b.figures : []));
    const built = (parts.ok ? answer : (c: string, p: AnswerParts) => refusal(c, "not_found", p.title, p))(
      "stat",
      { ...parts, figures },
    );
    return built;
  });

describe("any answer, rendered for each platform", () => {
  it("stays within the limits of Telegram and Discord, well formed and mentioning no one", () => {
    fc.assert(
      fc.property(anyAnswer, (given) => {
        checkTelegram(given);
        checkDiscord(given);
      }),
      { numRuns: 200 },
    );
  });
});

/** A digest of every table but the response cache and its counters, read beside the app. */
function databaseDigest(): Record<string, string> {
  const db = new Database(app.config.DATABASE_PATH, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('response_cache', 'counters')",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => {
        const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all();
        const hash = createHash("sha256").update(
          JSON.stringify(rows, (_, v) => (Buffer.isBuffer(v) ? v.toString("hex") : v)),
        );
        return [table, `${rows.length}:${hash.digest("hex")}`];
      }),
    );
  } finally {
    db.close();
  }
}

describe("any input, rendered for each platform", () => {
  it("gives Telegram well-formed, escaped HTML within its limits, and Discord payloads that mention no one", async () => {
    const before = databaseDigest();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["reports", "figures", "sentence_index"]));
    await fc.assert(
      fc.asyncProperty(input, async (given) => {
        const answer = await answerFor(given);
        checkTelegram(answer);
        checkDiscord(answer);
      }),
      { numRuns: 400 },
    );
    // Queries change nothing but the cache.
    expect(databaseDigest()).toEqual(before);
  });
});

// Inputs fast-check found, kept as they were found.
describe("examples found by the properties", () => {
  it("shows an escaped entity as typed: /section &#x41; is not read as “A”", async () => {
    const found = await answerFor({ kind: "form", command: "section", value: "&#x41;", page: null });
    const [html = ""] = renderAnswer(found);
    expect(html).toContain("&amp;#x41;");
    expect(visibleText(html)).toContain("“&#x41;”");
  });

  it("replaces a lone surrogate in an answer, which both platforms would refuse", () => {
    const found = refusal("stat", "not_found", '"', {
      blocks: [{ kind: "heading", text: "\ud800" }],
      actions: [{ label: "\ud800", command: '/"\udfff' }],
      report: { id: "", title: "\udfff", version: 0 },
    });
    expect(renderAnswer(found).join("\n")).toBe('<b>"</b>\n\n<b>\ufffd</b>\n\n<i>来源: \ufffd</i>');
    expect(answerKeyboard(found, callbackStore)?.inline_keyboard).toEqual([
      [{ text: "\ufffd", callback_data: 'c:/"\ufffd' }],
    ]);
    expect(hasLoneSurrogate(replyOptions(found, customIds))).toBe(false);
  });

  it("keeps an inline article to one message when its sentence is long once escaped", () => {
    const figure = {
      value: 0,
      unit: "",
      raw: '"',
      qualifier: null,
      change: "increase" as const,
      label: "",
      sectionId: "",
      sectionTitle: "",
      nodeId: "",
      sentence: ">".repeat(1100),
    };
    const blocks = [{ kind: "figures" as const, figures: [figure], startAt: 1 }];
    const [article] = inlineResults(answer("stat", { title: '"', blocks, figures: [figure] }), 1);
    if (!article) throw new Error("no article for the figure");
    const text = (article.input_message_content as { message_text: string }).message_text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(checkTelegramHtml(text)).toBeNull();
  });

  it("escapes every Discord format, link and mention in linear time (runs of ` took seconds)", () => {
    expect(
      escapeDiscordMarkdown("# 标题\n> 引用\n- 项\n[点我](http://127.0.0.1) <@123> `c` **b** ~~s~~ ||x|| \\"),
    ).toBe(
      "\\# 标题\n\\> 引用\n\\- 项\n\\[点我\\](http://127.0.0.1) \\<@123\\> \\`c\\` \\*\\*b\\*\\* \\~\\~s\\~\\~ \\|\\|x\\|\\| \\\\",
    );
    expect(escapeDiscordMarkdown("`".repeat(10_000))).toBe("\\`".repeat(10_000));
  });
});
