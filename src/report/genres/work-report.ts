import type { Genre } from "./types.ts";

/**
 * 政府工作报告: the government's report to the people's congress at its yearly session,
 * reviewing the past year (工作回顾), setting this year's targets and work (目标任务,
 * 工作安排) and the government's own conduct (政府自身建设). Its year is the year it is
 * delivered and plans for: the session date's, else the title's, else the plan's, else the
 * year after the one it reviews. Problems are a paragraph of the review, not a part.
 */
export const workReport: Genre = {
  id: "work-report",
  name: "政府工作报告",
  englishName: "government work report",
  titlePattern: /(人民)?政府工作报告$/,
  markers: [
    /各位代表/g,
    // The speech's opening: 我代表…向大会报告工作，请予审议，并请各位政协委员…提出意见.
    /向大会(?:作|报告)/g,
    /政协委员/g,
    /工作回顾/g,
    /政府自身建设/g,
    /生产总值|GDP/g,
    /一般公共预算收入|财政收入/g,
    /固定资产投资/g,
  ],
  parts: {
    review: /(工作回顾|发展回顾|工作总结|简要回顾|^回顾)/,
    plan: /(工作安排|目标任务|任务目标|主要任务|重点任务|工作任务(?!完成)|政府工作的建议|目标要求|重点工作|工作重点|总体要求|总体思路|工作思路|工作计划|主要目标|预期目标|关于\d{4}年的?工作|今后五年|下半年)/,
    self: /(自身建设|服务型政府|人民满意的政府|政府治理能力)/,
  },
  problemsParagraph:
    /(清醒(地|的)?(认识|看到)|不容忽视|问题和不足|困难和问题|问题和困难|不足和问题|差距和不足|问题和短板|短板和不足|困难和挑战|问题和挑战|(还|仍|也)(存在|有)(着)?(不少|一些|许多|诸多)(困难|问题|不足|短板))/,
  figureKinds: new Set(["amount", "change", "rate", "target", "rank"]),
  year(e) {
    if (e.headerYear !== null) return e.headerYear;
    if (e.titleYear !== null) return e.titleYear;
    if (e.planYear !== null) return e.planYear;
    if (e.reviewYear !== null) return e.reviewYear + 1;
    return e.signatureDate === null ? null : Number(e.signatureDate.slice(0, 4));
  },
  inferTitle: ({ place, year }) => `${place ?? ""}${year ?? ""}${year ? "年" : ""}政府工作报告`,
};
