import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReportFileError } from "../src/report/decode.ts";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";
import { hostilePiece } from "./helpers/hostile.ts";

// Pieces of real pages: headings of both genres, clutter, figures, signatures, markup.
const reportPiece = fc.constantFrom(
  "\n一、2019年工作回顾\n",
  "\n二、存在的问题\n",
  "\n（一）加强组织领导。",
  "（二）",
  "\n2020年工作安排\n",
  "\n全面加强政府自身建设\n",
  "一是",
  "二是",
  "全县生产总值完成122.4亿元，增长9%；",
  "排名全市第一，",
  "控制在4.5%以内",
  "比去年增加10项",
  "\n各位代表：\n",
  "\n——2020年1月9日在某县第十五届人民代表大会第四次会议上\n",
  "\n某县人民政府县长 张 三\n",
  "\n政 府 工 作 报 告\n",
  "\n标题：2022年某县政府工作报告\n",
  "\n阅读：\n229\n",
  "\n内容摘要：\n",
  "......",
  "????",
  "[1]",
  "\n分享到：\n",
  "\n名词解释\n",
  "\n专此报告。\n某县人民政府\n2019年12月18日\n",
  "<p>",
  "</p>",
  "<br>",
  "<script>",
  "&nbsp;",
  "。",
  "，",
);

describe("any text or page", () => {
  it("parses into a report or is refused with a ReportFileError, never another exception", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(reportPiece, reportPiece, hostilePiece, fc.string({ maxLength: 12 })), {
          maxLength: 40,
        }),
        fc.boolean(),
        (pieces, asHtml) => {
          const bytes = Buffer.from(pieces.join(""), "utf8");
          try {
            const input = readReportInput(bytes, asHtml ? "page.html" : "page.txt");
            const report = parseReport(input.text, "page", { sourceUrl: input.sourceUrl });
            for (const f of report.figures) {
              expect(report.text.slice(f.offset, f.offset + f.raw.length)).toBe(f.raw);
              if (f.linkedTo !== null) expect(report.figures[f.linkedTo]).toBeDefined();
            }
          } catch (error) {
            if (!(error instanceof ReportFileError)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
