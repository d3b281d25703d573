import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, optionalWord } from "../src/command/types.ts";
import { isTimeZone, zonesMatching } from "../src/reminders/schedule.ts";
import { chatOf } from "./_subscriptions.ts";

export default defineCommand({
  name: "timezone",
  aliases: ["时区"],
  description: {
    zh: "查看或设置本聊天的时区 (IANA 名称)",
    en: "Show or set this chat's time zone (IANA name)",
  },
  examples: ["/timezone", "/timezone Asia/Shanghai", "/timezone Europe/Berlin"],
  options: {
    zone: optionalWord(
      { zh: "时区, 如 Asia/Shanghai", en: "zone, e.g. Asia/Shanghai" },
      undefined,
      "timezones",
    ),
  },
  cacheable: false,
  adminOnly: (args) => args.zone !== undefined,
  run(ctx, args) {
    const target = chatOf(ctx);
    const current = ctx.subscriptions.timezoneOf(target);
    if (!args.zone)
      return answer("timezone", {
        title: `本聊天的时区: ${current}`,
        blocks: [{ kind: "paragraph", text: "设置: /timezone Asia/Shanghai" }],
      });
    // Zone names are case-sensitive (Asia/Shanghai); typed input was folded to lower case.
    const zone =
      zonesMatching(args.zone).find((z) => z.toLowerCase() === args.zone?.toLowerCase()) ?? args.zone;
    if (!isTimeZone(zone)) {
      return refusal("timezone", "bad_input", `“${args.zone}”不是有效的时区名称。`, {
        suggestions: zonesMatching(args.zone.split("/").pop() ?? "", 5),
      });
    }
    ctx.subscriptions.setTimezone(target, zone);
    return answer("timezone", { title: `本聊天的时区已设为 ${zone}; 已有订阅按新时区的同一时刻发送。` });
  },
});
