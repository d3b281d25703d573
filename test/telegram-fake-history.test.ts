/**
 * The fake Bot API's call history: kept for tests, which wait on it; not kept for the
 * benchmarks, whose observers still hear every call (test/fakes/telegram-api.ts).
 */
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegramApi, TEST_TOKEN } from "./fakes/telegram-api.ts";

const fakes: FakeTelegramApi[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function sendTwoMessages(options: { keepCalls?: boolean }) {
  const fake = await FakeTelegramApi.start(TEST_TOKEN, options);
  fakes.push(fake);
  const heard: string[] = [];
  fake.observe((call) => heard.push(`${call.method} ${String(call.payload.text)}`));
  const api = new Api(TEST_TOKEN, { apiRoot: fake.apiRoot });
  await api.sendMessage(1, "one");
  await api.sendMessage(1, "two");
  return { fake, heard };
}

describe("the fake Bot API's history of calls", () => {
  it("keeps every call by default, and tells the observers", async () => {
    const { fake, heard } = await sendTwoMessages({});
    expect(fake.calls.map((c) => c.payload.text)).toEqual(["one", "two"]);
    expect(heard).toEqual(["sendMessage one", "sendMessage two"]);
  });

  it("keeps none when started without a history, and still tells the observers", async () => {
    const { fake, heard } = await sendTwoMessages({ keepCalls: false });
    expect(fake.calls).toEqual([]);
    expect(heard).toEqual(["sendMessage one", "sendMessage two"]);
  });
});
