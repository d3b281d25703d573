import { answer, refusal } from "../src/answer/build.ts";
import { usageLine } from "../src/command/args.ts";
import { defineCommand, optionalText } from "../src/command/types.ts";

export default defineCommand({
  name: "help",
  aliases: ["帮助"],
  description: {
    zh: "使用说明; 带命令名则看该命令的用法",
    en: "How to use the bot; with a command, its usage",
  },
  examples: ["/help", "/help stat"],
  options: { command: optionalText({ zh: "命令名 (可选)", en: "command (optional)" }) },
  cacheable: true,
  run(ctx, args) {
    const locale = ctx.invocation.locale;
    if (args.command) {
      const name = args.command.replace(/^\//, "");
      const command = ctx.commands.find((c) => c.name === name || c.aliases?.includes(name));
      if (!command) return refusal("help", "not_found", `没有 /${name} 这个命令。发送 /help 查看全部命令。`);
      return answer("help", {
        title: `/${command.name} — ${command.description[locale]}`,
        blocks: [
          { kind: "paragraph", text: `用法: ${usageLine(command, locale)}` },
          ...(command.aliases?.length
            ? [{ kind: "paragraph" as const, text: `别名: ${command.aliases.map((a) => `/${a}`).join(" ")}` }]
            : []),
          { kind: "heading", text: "例子" },
          { kind: "list", ordered: false, items: [...command.examples] },
        ],
      });
    }
    return answer("help", {
      title:
        locale === "en" ? "report-bot: ask about the government work report" : "report-bot: 查询政府工作报告",
      blocks: [
        {
          kind: "list",
          ordered: false,
          items: ctx.commands.map((c) => `/${c.name} — ${c.description[locale]}  例: ${c.examples[0]}`),
        },
        {
          kind: "paragraph",
          text: "也可以直接提问, 例如“法律援助案件有多少件?”“明年有什么工作安排?”(群里请 @ 我或回复我的消息)。/help <命令> 查看详细用法。",
        },
      ],
    });
  },
});
