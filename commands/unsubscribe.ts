import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, optionalWord } from "../src/command/types.ts";
import { chatOf, subscriptionLine } from "./_subscriptions.ts";

export default defineCommand({
  name: "unsubscribe",
  aliases: ["退订"],
  description: { zh: "取消本聊天的提醒订阅", en: "Stop a reminder subscription of this chat" },
  examples: ["/unsubscribe", "/unsubscribe 3"],
  options: { id: optionalWord({ zh: "订阅编号 (可选)", en: "subscription id (optional)" }) },
  cacheable: false,
  adminOnly: true,
  run(ctx, args) {
    const target = chatOf(ctx);
    const mine = ctx.subscriptions.forChat(target);
    if (mine.length === 0) return refusal("unsubscribe", "not_found", "本聊天没有订阅提醒。");
    const wanted = args.id?.replace(/^#/, "");
    const chosen = wanted
      ? mine.find((s) => String(s.id) === wanted)
      : mine.length === 1
        ? mine[0]
        : undefined;
    if (!chosen) {
      const title = wanted
        ? `本聊天没有编号为 #${wanted} 的订阅。`
        : `本聊天有${mine.length}个订阅, 请选择要取消的:`;
      return refusal("unsubscribe", wanted ? "not_found" : "bad_input", title, {
        blocks: [{ kind: "list", ordered: false, items: mine.map((s) => subscriptionLine(ctx, s)) }],
        actions: mine.slice(0, 10).map((s) => ({ label: `取消 #${s.id}`, command: `/unsubscribe ${s.id}` })),
      });
    }
    ctx.subscriptions.unsubscribe(chosen);
    return answer("unsubscribe", { title: `已取消订阅 #${chosen.id}。` });
  },
});
