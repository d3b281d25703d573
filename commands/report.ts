import type { Answer } from "../src/answer/answer.ts";
import { answer, paginate, refusal } from "../src/answer/build.ts";
import { chatKey } from "../src/chat.ts";
import { type CommandContext, defineCommand, optionalText, pageOption } from "../src/command/types.ts";
import type { PlaceGroup } from "../src/query/library.ts";
import { genreName } from "../src/report/genres/index.ts";
import type { StoredReport } from "../src/store/index.ts";
import { reportChoices, short } from "./_report.ts";

/** Places (or reports whose place is not known) per page of the list. */
const PER_PAGE = 20;

export default defineCommand({
  name: "report",
  aliases: ["报告"],
  description: {
    zh: "已加载的报告 (按地区和年份); 带地区和年份或编号则切换本聊天的报告",
    en: "Loaded reports by place and year; with a place and year or an id, switch this chat's report",
  },
  examples: ["/report", "/report 忠县 2021", "/report zhongxian-2021"],
  options: {
    id: optionalText({ zh: "地区和年份, 或报告编号 (可选)", en: "place and year, or report id" }, "reports"),
    page: pageOption(),
  },
  // Its answer depends on the chat's choice, and choosing changes state: never cached.
  cacheable: false,
  adminOnly: (args) => args.id !== undefined,
  run(ctx, args) {
    const reports = ctx.knowledge.reports();
    if (reports.length === 0)
      return refusal(
        "report",
        "no_report",
        ctx.knowledge.loadingCount() > 0 ? "报告正在载入, 请稍候再试。" : "还没有加载任何报告。",
      );
    return args.id ? choose(ctx, args.id) : list(ctx, reports.length, args.page);
  },
});

/** The library by place, a page at a time, with the chat's report marked ▶. */
function list(ctx: CommandContext, total: number, page: number): Answer {
  const groups = ctx.knowledge.library.byPlace();
  const current = ctx.report?.report ?? null;
  const { shown, paging } = paginate(groups, page, PER_PAGE, "/report");
  const places = ctx.knowledge.library.places();
  const example = shown.find((g) => g.place !== null)?.reports[0];
  return answer("report", {
    title: total === 1 ? "已加载1份报告 (即当前报告)" : `已加载${total}份报告, ${places}个地区`,
    blocks: [
      ...(current
        ? [
            {
              kind: "paragraph" as const,
              text: `当前报告: ${current.title} (${current.id}) · ${genreName(current.genre)}, 第${current.version}版`,
            },
          ]
        : []),
      { kind: "list", ordered: false, items: shown.map((g) => groupLine(g, current?.id)) },
      ...(total > 1
        ? [
            {
              kind: "paragraph" as const,
              text: `切换: /report <地区> <年份>${example ? ` (例: ${pickLine(example)})` : ""} 或 /report <编号>`,
            },
          ]
        : []),
    ],
    report: ctx.report?.ref() ?? null,
    paging,
  });
}

/**
 * A place's years (2021×2 when two reports share one) and the reports of each, worked out
 * once per library change: the groups stay the same objects until the library changes.
 */
const yearsOf = new WeakMap<PlaceGroup, { year: string; ids: string[] }[]>();

function years(group: PlaceGroup): { year: string; ids: string[] }[] {
  let found = yearsOf.get(group);
  if (!found) {
    const byYear = new Map<string, string[]>();
    for (const r of group.reports) {
      const year = r.year === null ? "?" : String(r.year);
      const ids = byYear.get(year);
      if (ids) ids.push(r.id);
      else byYear.set(year, [r.id]);
    }
    found = [...byYear].map(([year, ids]) => ({ year, ids }));
    yearsOf.set(group, found);
  }
  return found;
}

/** One place and its years, or a report whose place is not known; the chat's report marked ▶. */
function groupLine(group: PlaceGroup, currentId: string | undefined): string {
  if (group.place === null) {
    const report = group.reports[0] as StoredReport;
    const mark = report.id === currentId ? "▶" : "";
    return `${mark}${report.id} — ${short(report.title)}${report.year ? ` (${report.year})` : ""}`;
  }
  const shown = years(group).map(({ year, ids }) => {
    const mark = currentId !== undefined && ids.includes(currentId) ? "▶" : "";
    return `${mark}${year}${ids.length > 1 ? `×${ids.length}` : ""}`;
  });
  return `${group.place}: ${shown.join(" · ")}`;
}

/** The shortest line that picks a report: its place and year, else its id. */
function pickLine(report: StoredReport): string {
  return report.place && report.year ? `/report ${report.place} ${report.year}` : `/report ${report.id}`;
}

/** Switches the chat to the report the words name, or lists the reports they fit. */
function choose(ctx: CommandContext, words: string): Answer {
  const picked = ctx.knowledge.library.pick(words);
  if (picked.kind === "none") {
    const loading = ctx.knowledge.loadingCount();
    if (ctx.knowledge.isLoading(words.trim().toLowerCase()))
      return refusal("report", "not_found", `报告“${words}”正在载入, 请稍候再试。`, {
        suggestions: ["/report"],
      });
    const more = loading > 0 ? `另有${loading}份报告正在载入, 请稍候再试。` : "发送 /report 查看全部报告。";
    return refusal("report", "not_found", `没有找到“${words}”的报告。${more}`, {
      suggestions: ["/report"],
    });
  }
  if (picked.kind === "several") {
    const title = `“${words}”对应${picked.reports.length}份报告, 请选一份:`;
    return reportChoices("report", title, picked.reports, ctx.report?.ref() ?? null);
  }
  const chosen = picked.report;
  ctx.knowledge.choose(chatKey(ctx.invocation.chat), chosen.id);
  return answer("report", {
    title: `本聊天现在使用: ${chosen.title}`,
    report: { id: chosen.id, title: chosen.title, version: chosen.version },
  });
}
