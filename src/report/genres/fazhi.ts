import type { Genre } from "./types.ts";

/**
 * 法治政府建设年度报告: a government's yearly account of building rule-of-law government,
 * published early the next year. Its year is the year it covers: the title's, else the year
 * before the plan it announces (2020年工作计划 → 2019), else the signature's.
 */
export const fazhi: Genre = {
  id: "fazhi",
  name: "法治政府建设年度报告",
  englishName: "annual report on building law-based government",
  titlePattern: /法治(政府)?建设.*(报告|情况|总结)$/,
  markers: [/法治政府建设/g, /依法行政/g, /行政执法/g, /行政复议/g, /合法性审查|合法性审核/g],
  parts: {
    review: /(建设情况|工作情况|主要工作|工作成效|主要成效|主要做法|进展情况)$/,
    problems: /(存在的?问题|问题和不足|不足之处|存在的?不足|短板|差距)/,
    plan: /(工作安排|工作计划|工作打算|工作思路|下一步|下步|今后|重点工作|工作重点|工作举措|努力方向)/,
  },
  figureKinds: new Set(["amount", "change", "rate", "target", "rank"]),
  year(e) {
    if (e.titleYear !== null) return e.titleYear;
    if (e.planYear !== null) return e.planYear - 1;
    if (e.reviewYear !== null) return e.reviewYear;
    if (e.signatureDate !== null) {
      // Signed late in the year it covers (2019-12-18), or early the next (2022-02-14).
      const year = Number(e.signatureDate.slice(0, 4));
      return Number(e.signatureDate.slice(5, 7)) >= 7 ? year : year - 1;
    }
    return e.headerYear === null ? null : e.headerYear - 1;
  },
  inferTitle: ({ place, issuer, year }) =>
    `${issuer ?? place ?? ""}${year ?? ""}${year ? "年" : ""}法治政府建设年度报告`,
};
