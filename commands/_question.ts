import type { Answer, Block, QuestionReading } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import { asWritten, changeText } from "../src/answer/comparison-view.ts";
import { argsSchema } from "../src/command/args.ts";
import type { CommandContext } from "../src/command/types.ts";
import { readComparison } from "../src/query/comparison.ts";
import { namesOnlyPlaces, WHICH_MOST } from "../src/query/question/across.ts";
import { CHANGE_CUE } from "../src/query/question/cues.ts";
import type { ResolvedQuestion } from "../src/query/question/resolve.ts";
import { reportTopics } from "../src/query/question/resolve.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Indicator } from "../src/report/indicators.ts";
import { normalizeText } from "../src/text/normalize.ts";
import { listAnswer } from "./_lists.ts";
import { figurePage, sentencePage } from "./_pages.ts";
import { reportChoices } from "./_report.ts";

/** Figures or sentences shown for a question, a page at a time: the answer, not a catalogue. */
const PER_PAGE = 5;

type Locale = CommandContext["invocation"]["locale"];

const quoted = (words: readonly string[]) => `“${words.join(" ")}”`;

/**
 * The one line that says how the question was read: 按“法律援助 案件”查找数字, 单位“件”优先;
 * `named` is the title of the report the question named, when it is not the chat's.
 */
function readingLine(q: ResolvedQuestion, locale: Locale, named: string | null): string {
  const words = q.words.map((w) => w.text);
  const unit = q.understanding.unit?.label;
  const zh = locale === "zh";
  const a = q.answer;
  let line: string;
  switch (a.kind) {
    case "figures":
      line = zh
        ? `按${quoted(words)}查找数字${unit ? `, 单位“${unit}”优先` : ""}`
        : `Read as ${quoted(words)}: figures${unit ? `, in ${unit} first` : ""}`;
      break;
    case "sentences":
      line = zh
        ? `按${quoted(words)}查找原文${q.understanding.intent === "figures" ? " (报告没有相关数字)" : ""}`
        : `Read as ${quoted(words)}: sentences of the report`;
      break;
    case "section":
      line = zh
        ? `${words.length > 0 ? `按${quoted(words)}` : "按章节编号"}找到 ${a.section.id} ${a.section.title}`
        : `Read as ${words.length > 0 ? quoted(words) : "a section number"}: section ${a.section.id}`;
      break;
    case "summary":
      line = zh ? "问的是报告的概览" : "Read as: an overview of the report";
      break;
    case "list": {
      const what =
        a.list === "plan" ? (zh ? "工作安排" : "the work plan") : zh ? "存在的问题" : "the problems";
      const about = a.all ? "" : zh ? `中与${quoted(words)}有关的` : ` about ${quoted(words)}`;
      line = zh ? `问的是${what}${about}` : `Read as: ${what}${about}`;
      break;
    }
    case "outline":
      line = zh ? "问的是报告的目录" : "Read as: the outline of the report";
      break;
    case "targets":
      line = zh ? "问的是工作安排中的预期目标" : "Read as: the targets the plan sets";
      break;
    case "report-info":
      line = zh ? "问的是这份报告本身" : "Read as: facts about the report";
      break;
    case "nothing":
      line = zh ? "报告中没有相关内容" : "报告中没有相关内容 (nothing in the report on this)";
      break;
  }
  const notes: string[] = [];
  if (named) notes.push(zh ? `读的是问题所指的《${named}》` : `from the report the question names: ${named}`);
  if (q.understanding.comparesAcross) {
    notes.push(
      zh
        ? "跨年度、跨地区的对比请用 /compare (按指标), 下面是本报告里的内容"
        : "years and places are compared by indicator with /compare; below is this report",
    );
  }
  for (const [typed, read] of q.respelled)
    notes.push(zh ? `“${typed}”按“${read}”理解` : `“${typed}” read as “${read}”`);
  const missing = [...q.missing, ...q.understanding.unknown];
  const usesWords =
    a.kind === "figures" || a.kind === "sentences" || a.kind === "section" || a.kind === "list";
  if (missing.length > 0 && usesWords) {
    notes.push(zh ? `报告里没有${quoted(missing)}` : `not in the report: ${quoted(missing)}`);
  }
  return notes.length > 0 ? `${line} (${notes.join("; ")})` : line;
}

/** The title of the report read, when the question named it instead of the chat's. */
function namedTitle(ctx: CommandContext, report: ReportIndex): string | null {
  return ctx.reportNamed ? report.report.title : null;
}

/** Runs another command as if it had been typed, for the answers a question shares with it. */
async function delegate(ctx: CommandContext, name: string, args: Record<string, unknown>): Promise<Answer> {
  const command = ctx.commands.find((c) => c.name === name);
  if (!command) throw new Error(`the question path needs the /${name} command`);
  return command.run(ctx, argsSchema(command).parse(args));
}

/** The facts of the report itself: title, who published it, when, for which year. */
function reportInfo(report: ReportIndex): Answer {
  const r = report.report;
  return answer("about", {
    title: r.title,
    blocks: [
      {
        kind: "list",
        ordered: false,
        items: [
          `发布单位: ${r.issuer ?? "—"}`,
          `地区: ${r.place ?? "—"}`,
          `年度: ${r.year ? `${r.year}年` : "—"}`,
          `发布日期: ${r.date ?? "—"}`,
        ],
      },
    ],
    report: report.ref(),
  });
}

/** The inner answer: what the equivalent command would show, or the page of figures or sentences. */
async function innerAnswer(
  ctx: CommandContext,
  report: ReportIndex,
  q: ResolvedQuestion,
  question: string,
  page: number,
): Promise<Answer> {
  const a = q.answer;
  const words = quoted(q.words.map((w) => w.text));
  switch (a.kind) {
    case "figures":
      return answer("ask", {
        title: `${words}的相关数字 (共${a.matches.length}项)`,
        ...figurePage(
          report,
          a.matches.map((m) => m.figure),
          page,
          PER_PAGE,
          `/ask ${question}`,
        ),
      });
    case "targets":
      return answer("ask", {
        title: `预期目标 (共${a.figures.length}项)`,
        ...figurePage(report, a.figures, page, PER_PAGE, `/ask ${question}`),
      });
    case "sentences":
      return answer("ask", {
        title: `提到${words}的句子 (共${a.matches.length}句)`,
        ...sentencePage(
          report,
          a.matches.map((m) => m.sentence),
          page,
          PER_PAGE,
          `/ask ${question}`,
        ),
      });
    case "section":
      return delegate(ctx, "section", { ref: a.section.id });
    case "summary":
      return delegate(ctx, "summary", {});
    case "outline":
      return delegate(ctx, "toc", {});
    case "list":
      return listAnswer("ask", report, a.items, a.list === "plan" ? "工作安排" : "存在的问题");
    case "report-info":
      return reportInfo(report);
    case "nothing":
      return nothingAnswer(report, q, a.why, ctx.invocation.locale, namedTitle(ctx, report));
  }
}

/** No answer in the report: said plainly, with a few topics it does cover to ask about instead. */
function nothingAnswer(
  report: ReportIndex,
  q: ResolvedQuestion,
  why: "off-topic" | "not-understood",
  locale: Locale,
  named: string | null,
): Answer {
  const topics = reportTopics(report);
  const asked = [...q.missing, ...q.understanding.unknown];
  const intro =
    why === "not-understood"
      ? locale === "zh"
        ? "没看懂这个问题。这份报告讲的有:"
        : "I could not read that question. The report covers:"
      : locale === "zh"
        ? `报告里没有${asked.length > 0 ? quoted(asked) : "这些内容"}。这份报告讲的有:`
        : `The report does not mention ${asked.length > 0 ? quoted(asked) : "that"}. It covers:`;
  const short = (title: string) => title.split(/[,，;；]/)[0] ?? title;
  const examples = [
    topics[0] ? `${short(topics[0].title)}做得怎么样?` : null,
    report.problems.length > 0 ? "存在哪些问题?" : null,
    report.plan.length > 0 ? "明年有什么工作安排?" : null,
  ].filter((e): e is string => e !== null);
  const blocks: Block[] = [
    { kind: "paragraph", text: intro },
    {
      kind: "list",
      ordered: false,
      items: topics.map((t) => `${t.id} ${short(t.title)} — /section ${t.id}`),
    },
  ];
  if (examples.length > 0) blocks.push({ kind: "paragraph", text: `例如: ${examples.join(" · ")}` });
  return refusal("ask", "not_found", `${readingLine(q, locale, named)}。`, {
    blocks,
    report: report.ref(),
    actions: topics.map((t) => ({ label: short(t.title).slice(0, 20), command: `/section ${t.id}` })),
  });
}

/**
 * The answer to a question: one line of how it was read, what the equivalent command shows
 * (or a page of the best figures or sentences), and that command, so users learn it.
 */
export async function questionAnswer(
  ctx: CommandContext,
  report: ReportIndex,
  q: ResolvedQuestion,
  question: string,
  page: number,
): Promise<Answer> {
  const locale = ctx.invocation.locale;
  const inner = await innerAnswer(ctx, report, q, question, page);
  const reading: QuestionReading = {
    intent: q.understanding.intent,
    words: q.words.map((w) => w.text),
    unit: q.understanding.unit?.label ?? null,
    command: q.command,
  };
  // "报告中没有相关内容" is its own reading: no heading, no command after it.
  if (q.answer.kind === "nothing") return { ...inner, reading };
  const blocks: Block[] = [{ kind: "heading", text: inner.title }, ...inner.blocks];
  if (q.command) {
    blocks.push({
      kind: "paragraph",
      text: `${locale === "zh" ? "同样的结果" : "Same answer"}: ${q.command}`,
    });
  }
  const parts = {
    title: readingLine(q, locale, namedTitle(ctx, report)),
    blocks,
    figures: inner.figures,
    sections: inner.sections,
    report: inner.report,
    paging: inner.paging,
    actions: inner.actions,
    suggestions: inner.suggestions,
  };
  const built = inner.ok
    ? answer("ask", parts)
    : refusal("ask", inner.error?.code ?? "not_found", inner.error?.message ?? inner.title, parts);
  return { ...built, reading, ...(inner.image ? { image: inner.image } : {}) };
}

/**
 * The answer to a question about an indicator across reports (see across.ts): /compare's,
 * after a line of how it was read. "Which is most" without a year is answered for the year
 * most places have a report of, places side by side.
 */
export async function comparisonAnswer(ctx: CommandContext, question: string): Promise<Answer | null> {
  const comparisons = ctx.knowledge.comparisons;
  const request = readComparison(question, comparisons.places());
  if (!request || (namesOnlyPlaces(question) && request.places.length < 2)) return null;
  let years = request.years;
  // Which place has most, none named: the year most places report. Named places show all their years.
  if (years.length === 0 && request.places.length === 0 && WHICH_MOST.test(question)) {
    const { busiestYear, placesThatYear } = comparisons.spread(request.indicator);
    if (busiestYear !== null && placesThatYear > 1) years = [busiestYear];
  }
  const line = ["/compare", request.indicator.name, ...request.places, ...years.map(String)].join(" ");
  const inner = await delegate(ctx, "compare", { words: line.slice("/compare ".length) });
  const zh = ctx.invocation.locale === "zh";
  const [onlyPlace, otherPlace] = request.places;
  const most =
    inner.ok && onlyPlace && !otherPlace && years.length === 0 && WHICH_MOST.test(question)
      ? whichYear(ctx, request.indicator, onlyPlace, question)
      : null;
  const reading: QuestionReading = {
    intent: "compare",
    words: [request.indicator.name],
    unit: null,
    command: line,
  };
  const parts = {
    title: zh
      ? `按指标“${request.indicator.name}”对比各报告`
      : `Read as: ${request.indicator.name} across reports`,
    blocks: [
      ...(most ? [{ kind: "paragraph" as const, text: most }] : []),
      { kind: "heading" as const, text: inner.title },
      ...inner.blocks,
      { kind: "paragraph" as const, text: `${zh ? "同样的结果" : "Same answer"}: ${line}` },
    ],
    actions: inner.actions,
    suggestions: inner.suggestions,
  };
  const built = inner.ok
    ? answer("ask", parts)
    : refusal("ask", inner.error?.code ?? "not_found", inner.error?.message ?? inner.title, parts);
  return { ...built, reading, ...(inner.image ? { image: inner.image, cached: inner.cached } : {}) };
}

/**
 * Which reports the library holds: a place's when the question names one (清苑区有哪些报告,
 * of the year if it names one too), else the whole list as /report shows it.
 */
export async function libraryAnswer(ctx: CommandContext, question: string): Promise<Answer> {
  const named = ctx.knowledge.named(question);
  if (!named) return delegate(ctx, "report", {});
  const title = `${named.name}的报告 (共${named.reports.length}份):`;
  return reportChoices("ask", title, named.reports, ctx.report?.ref() ?? null);
}

/**
 * Which of a place's report years states the most (or least) of an indicator, or its
 * fastest growth when the question asks how it grew: 阜平县哪一年地区生产总值最高 → 最高的是2022年的
 * 报告: 55亿元. Null when no year states it.
 */
function whichYear(
  ctx: CommandContext,
  indicator: Indicator,
  place: string,
  question: string,
): string | null {
  const folded = normalizeText(question);
  // 增长最快 asks how it grew though it says no 增长了多少 (CHANGE_CUE has 增速 and 增幅).
  const growth = CHANGE_CUE.test(folded) || /增长/.test(folded);
  const least = LEAST.test(folded);
  const cells = [
    ...(ctx.knowledge.comparisons
      .compare({ indicator, places: [place], years: [] })
      .cells.get(place)
      ?.values() ?? []),
  ];
  const stated = cells.flatMap((c) => {
    const row = growth ? c.change : c.level;
    return row ? [{ year: c.year, row }] : [];
  });
  const best = stated.reduce<(typeof stated)[number] | null>(
    (a, b) => (a === null || (least ? b.row.value < a.row.value : b.row.value > a.row.value) ? b : a),
    null,
  );
  if (!best) return null;
  const what = `${place}${indicator.name}${growth ? "增长" : ""}`;
  const shown = growth ? changeText(best.row) : asWritten(best.row);
  const most = growth ? (least ? "最慢" : "最快") : least ? "最低" : "最高";
  return `${what}${most}的是${best.year}年的报告: ${shown} (共${stated.length}年的报告有此数)。`;
}

/** Words that ask for the least rather than the most. */
const LEAST = /最少|最低|最小|最慢|\blowest\b|\bleast\b|\bsmallest\b/;
