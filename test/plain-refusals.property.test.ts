/**
 * Refusals in plain words: whatever a person types after any command, or a platform's form
 * sends for any option, the answer never shows the argument checker's own text.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import type { OptionDef } from "../src/command/types.ts";
import { makeTestApp } from "./helpers/app.ts";
import { hostilePiece } from "./helpers/hostile.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

/** Words of a validation library's messages (zod: "Invalid input: expected string, received undefined"). */
const CHECKER_WORDS = [
  "invalid input",
  "expected",
  "received",
  "invalid_type",
  "too_small",
  "too_big",
  "nan",
];

function expectPlain(answer: Answer, typed: string): void {
  const shown = `${answer.text}\n${answer.error?.message ?? ""}`.toLowerCase();
  for (const word of CHECKER_WORDS) {
    // A word the person typed may come back quoted ("报告中没有找到与“nan”有关的数字").
    if (!typed.toLowerCase().includes(word)) expect(shown, `${typed} → ${answer.text}`).not.toContain(word);
  }
  expect(answer.text.length).toBeGreaterThan(0);
}

const names = () => app.registry.commands.map((c) => c.name);

/** What may follow a command: nothing, spaces, named options with odd values, hostile text. */
const argument = fc.oneof(
  fc.constant(""),
  fc.constantFrom(" ", "   ", "\u3000", "\t"),
  fc
    .tuple(
      fc.constantFrom("page", "PAGE", "p", "keywords", "ref", "text", "zone", "schedule", "id", "question"),
      fc.constantFrom(":", "：", "="),
      fc.oneof(
        fc.constantFrom("", "abc", "0", "-1", "1.5", "1e9", "99999", "NaN", "Infinity", "二", " "),
        fc.string({ maxLength: 8 }),
      ),
    )
    .map(([name, mark, value]) => `${name}${mark}${value}`),
  fc.array(fc.oneof(hostilePiece, fc.string({ maxLength: 12 })), { maxLength: 6 }).map((p) => p.join("")),
  fc.string({ unit: "binary", minLength: 101, maxLength: 150 }),
);

describe("refusals of any command's arguments", () => {
  it("never show the checker's words, for typed lines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names()),
        fc.array(argument, { maxLength: 3 }),
        async (name, rest) => {
          const line = `/${name} ${rest.join(" ")}`;
          expectPlain(await app.dispatcher.handleLine(line, CONSOLE_CHAT), line);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("never show the checker's words, for a platform form's named options", async () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom("", " ", "abc", "0", "-3", "2.5", "NaN"),
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.double(),
      fc.string({ minLength: 101, maxLength: 130 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names()),
        fc.array(value, { minLength: 4, maxLength: 4 }),
        async (name, values) => {
          const command = app.registry.find(name);
          const options = Object.keys((command?.options ?? {}) as Record<string, OptionDef<unknown>>);
          const args = Object.fromEntries(options.map((o, i) => [o, values[i % values.length]]));
          const answer = await app.dispatcher.handle({ ...CONSOLE_CHAT, command: name, args });
          expectPlain(answer, JSON.stringify(args));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ask for what is missing with a usage line and examples: /stat and /search with nothing after them", async () => {
    for (const [line, usage, example] of [
      ["/stat", "/stat <关键词>", "/stat 法律援助"],
      ["/search", "/search <要找的词>", "/search 十年禁渔"],
      ["/search   ", "/search <要找的词>", "/search 公证"],
    ] as const) {
      const answer = await app.dispatcher.handleLine(line, CONSOLE_CHAT);
      expect(answer.ok).toBe(false);
      expect(answer.error?.code).toBe("bad_input");
      expect(answer.text).toContain("后面写上");
      expect(answer.text).toContain(usage);
      expect(answer.text).toContain(example);
    }
  });

  it("say what is wrong with a page number", async () => {
    const zero = await app.dispatcher.handleLine("/stat 公证 page:0", CONSOLE_CHAT);
    expect(zero.text).toMatch(/^页码从1开始/);
    const word = await app.dispatcher.handleLine("/stat 公证 page:abc", CONSOLE_CHAT);
    expect(word.text).toMatch(/^页码要写成整数/);
  });
});
