import { answer, refusal } from "../src/answer/build.ts";
import { usageLine } from "../src/command/args.ts";
import { defineCommand, optionalText } from "../src/command/types.ts";
import { examplesFor } from "./_examples.ts";

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
    const examples = examplesFor(ctx.report, locale);
    return answer("help", {
      title:
        locale === "en" ? `report-bot: ask about the ${examples.genre}` : `report-bot: 查询${examples.genre}`,
      blocks: [
        {
          kind: "list",
          ordered: false,
          items: ctx.commands.map((c) => `/${c.name} — ${c.description[locale]}  例: ${c.examples[0]}`),
        },
        {
          kind: "paragraph",
          text:
            locale === "en"
              ? `You can also just ask, e.g. “${examples.question}” (in a group, mention me or reply to my message). /help <command> for one command's usage.`
              : `也可以直接提问, 例如“${examples.question}”“明年有什么工作安排?”(群里请 @ 我或回复我的消息)。/help <命令> 查看详细用法。`,
        },
      ],
    });
  },
});
