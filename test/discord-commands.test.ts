import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSlashCommand,
  buildSlashCommands,
  SlashCommandError,
} from "../src/adapters/discord/commands.ts";
import { sameCommands } from "../src/adapters/discord/sync.ts";
import { answer } from "../src/answer/build.ts";
import type { App } from "../src/app.ts";
import { type AnyCommand, optionalText, pageOption, requiredText } from "../src/command/types.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

/** A command for probing the rules; its options put an optional one before a required one. */
function command(overrides: Partial<AnyCommand>): AnyCommand {
  return {
    name: "probe",
    aliases: ["探测"],
    description: { zh: "测试命令", en: "A test command" },
    examples: ["/probe"],
    options: { page: pageOption(), words: requiredText({ zh: "关键词", en: "keywords" }, "labels") },
    cacheable: false,
    run: () => answer("probe", { title: "ok" }),
    ...overrides,
  };
}

const word = () => optionalText({ zh: "词", en: "word" });

describe("buildSlashCommands", () => {
  it("builds one slash command per registered command, aliases as zh-CN names", () => {
    const slash = buildSlashCommands(app.registry.commands);
    expect(slash.map((c) => c.name)).toEqual(app.registry.commands.map((c) => c.name));
    const stat = slash.find((c) => c.name === "stat");
    expect(stat?.description).toBe("Figures from the report, with their source");
    expect(stat?.description_localizations).toEqual({
      "zh-CN": "查询报告中的统计数字及出处",
      "en-US": "Figures from the report, with their source",
    });
    expect(stat?.name_localizations).toEqual({ "zh-CN": "统计", "en-US": "stat" });
    expect(stat?.options).toEqual([
      expect.objectContaining({
        name: "keywords",
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
      }),
      expect.objectContaining({ name: "page", type: ApplicationCommandOptionType.Integer, required: false }),
    ]);
  });

  it("puts required options first, as Discord demands", () => {
    const [first, second] = buildSlashCommand(command({})).options ?? [];
    expect(first).toMatchObject({ name: "words", required: true });
    expect(second).toMatchObject({ name: "page", required: false });
  });

  it("offers a word option's choices", () => {
    const subscribe = buildSlashCommands(app.registry.commands).find((c) => c.name === "subscribe");
    expect(subscribe?.options?.find((o) => o.name === "schedule")).toMatchObject({
      choices: [
        { name: "daily", value: "daily" },
        { name: "weekly", value: "weekly" },
        { name: "monthly", value: "monthly" },
        { name: "cron", value: "cron" },
      ],
    });
  });

  it("refuses names and texts Discord would refuse, naming the command and option", () => {
    expect(() => buildSlashCommand(command({ name: "Probe" }))).toThrow(SlashCommandError);
    expect(() => buildSlashCommand(command({ name: "a".repeat(33) }))).toThrow(/name/);
    const longDescription = command({ description: { zh: "x", en: "e".repeat(101) } });
    expect(() => buildSlashCommand(longDescription)).toThrow(/\/probe: description/);
    const badOption = command({ options: { "bad name": word() } });
    expect(() => buildSlashCommand(badOption)).toThrow(/option "bad name"/);
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`o${i}`, word()]));
    expect(() => buildSlashCommand(command({ options: many }))).toThrow(/26 options/);
  });
});

describe("sameCommands", () => {
  const wanted = buildSlashCommands([command({})]);

  it("sees a registered copy with Discord's extra fields and left-out false flags as the same", () => {
    const registered = wanted.map((c) => ({
      ...c,
      id: "1300000000000000001",
      application_id: "1300000000000000002",
      version: "1300000000000000003",
      default_member_permissions: null,
      options: c.options?.map((o) => (o.required ? o : { ...o, required: undefined })),
    }));
    expect(sameCommands(JSON.parse(JSON.stringify(registered)), wanted)).toBe(true);
  });

  it("sees a changed description, a missing localization or a missing command as different", () => {
    expect(sameCommands([{ ...wanted[0], description: "old" }], wanted)).toBe(false);
    expect(sameCommands([{ ...wanted[0], description_localizations: null }], wanted)).toBe(false);
    expect(sameCommands([], wanted)).toBe(false);
  });
});
