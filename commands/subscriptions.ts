import { answer } from "../src/answer/build.ts";
import { defineCommand } from "../src/command/types.ts";
import { chatOf, subscriptionLine } from "./_subscriptions.ts";

export default defineCommand({
  name: "subscriptions",
  aliases: ["订阅列表"],
  description: {
    zh: "本聊天的提醒订阅: 下次发送时间和上次结果",
    en: "This chat's reminders, next send time, last result",
  },
  examples: ["/subscriptions"],
  options: {},
  cacheable: false,
  run(ctx) {
    const target = chatOf(ctx);
    const mine = ctx.subscriptions.forChat(target);
    if (mine.length === 0) {
      return answer("subscriptions", {
        title: "本聊天没有订阅提醒。",
        blocks: [{ kind: "paragraph", text: "订阅: /subscribe weekly 09:00" }],
      });
    }
    return answer("subscriptions", {
      title: `本聊天的提醒订阅 (${mine.length}个)`,
      blocks: [{ kind: "list", ordered: false, items: mine.map((s) => subscriptionLine(ctx, s)) }],
    });
  },
});
