import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { MAX_TEXT } from "../src/answer/text.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";
import { hostilePiece } from "./helpers/hostile.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

const line = fc.tuple(
  fc.constantFrom(
    "/stat ",
    "/search ",
    "/section ",
    "/summary ",
    "/help ",
    "/report ",
    "/plan ",
    "/toc ",
    "/x",
    "",
    "/stat@bot ",
  ),
  fc.array(fc.oneof(hostilePiece, fc.string({ unit: "binary", maxLength: 20 })), { maxLength: 12 }),
);

describe("any command line", () => {
  it("gets a valid answer within the length limit, never a throw, and leaves the data as it was", async () => {
    const before = app.store.reports.content("zhongxian-2021");
    await fc.assert(
      fc.asyncProperty(line, async ([command, parts]) => {
        const answer = await app.dispatcher.handleLine(command + parts.join(""), CONSOLE_CHAT);
        expect(typeof answer.ok).toBe("boolean");
        expect(answer.text.length).toBeGreaterThan(0);
        expect(answer.text.length).toBeLessThanOrEqual(MAX_TEXT);
        if (!answer.ok) expect(answer.error?.message).toBeTruthy();
      }),
      { numRuns: 300 },
    );
    expect(app.store.reports.content("zhongxian-2021")).toEqual(before);
  });

  it("handles 10,000 characters of anything", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", minLength: 10_000, maxLength: 10_000 }), async (text) => {
        const answer = await app.dispatcher.handleLine(`/stat ${text}`, CONSOLE_CHAT);
        expect(answer.ok).toBe(false);
        expect(answer.error?.code).toBe("too_long");
      }),
      { numRuns: 20 },
    );
  });
});
