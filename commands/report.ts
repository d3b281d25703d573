import { answer, refusal } from "../src/answer/build.ts";
import { chatKey } from "../src/chat.ts";
import { defineCommand, optionalText } from "../src/command/types.ts";
import { genreName } from "../src/report/genres/index.ts";
import { normalizeText } from "../src/text/normalize.ts";

export default defineCommand({
  name: "report",
  aliases: ["报告"],
  description: {
    zh: "已加载的报告; 带编号则切换本聊天的报告",
    en: "Loaded reports; with an id, switch this chat's report",
  },
  examples: ["/report", "/report zhongxian-2021"],
  options: { id: optionalText({ zh: "报告编号 (可选)", en: "report id (optional)" }, "reports") },
  // Its answer depends on the chat's choice, and choosing changes state: never cached.
  cacheable: false,
  adminOnly: (args) => args.id !== undefined,
  run(ctx, args) {
    const reports = ctx.knowledge.reports();
    if (reports.length === 0) return refusal("report", "no_report", "还没有加载任何报告。");
    const current = ctx.report?.report.id;
    if (args.id) {
      const wanted = normalizeText(args.id);
      const chosen =
        reports.find((r) => r.id === wanted) ?? reports.find((r) => normalizeText(r.title).includes(wanted));
      if (!chosen) {
        return refusal("report", "not_found", `没有编号为“${args.id}”的报告。`, {
          suggestions: reports.slice(0, 5).map((r) => `/report ${r.id}`),
        });
      }
      ctx.knowledge.choose(chatKey(ctx.invocation.chat), chosen.id);
      return answer("report", {
        title: `本聊天现在使用: ${chosen.title}`,
        report: { id: chosen.id, title: chosen.title, version: chosen.version },
      });
    }
    const lines = reports.map(
      (r) => `${r.id === current ? "▶ " : ""}${r.id} — ${r.title} (${genreName(r.genre)}, 第${r.version}版)`,
    );
    return answer("report", {
      title: reports.length === 1 ? "已加载1份报告 (即当前报告)" : `已加载${reports.length}份报告`,
      blocks: [
        { kind: "list", ordered: false, items: lines },
        ...(reports.length > 1 ? [{ kind: "paragraph" as const, text: "切换: /report <编号>" }] : []),
      ],
      report: ctx.report?.ref() ?? null,
    });
  },
});
