import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";
import { appOverReports } from "./helpers/app.ts";

/**
 * Work reports as a site gives their body alone: no title, no speech header, no signature,
 * the text opening at 各位代表： (test/fixtures/corpus/untitled, see its README). Place and
 * year are read from the speaker's words, the names the text uses and its part titles; the
 * values below were read from each text.
 */
const UNTITLED = join(import.meta.dirname, "fixtures", "corpus", "untitled");
const parseFile = (name: string) => {
  const path = join(UNTITLED, name);
  return parseReport(readReportInput(readFileSync(path), path).text, path);
};
const topParts = (report: ReturnType<typeof parseFile>) =>
  report.sections.filter((s) => s.parentId === null && s.id !== "0").map((s) => s.title);

describe("work reports without a title line", () => {
  it("a province's report that never writes 广东省: the name it uses most, at the level it calls itself by (全省)", () => {
    // 广东 45 lines, 全省 36 times, 我省 4; 深圳, 广州 and 粤港澳大湾区 named often too. Parts
    // 一、2023年工作回顾 and 二、2024年工作安排.
    const { meta } = parseFile("guangdong-2024.txt");
    expect(meta).toMatchObject({ genre: "work-report", place: "广东省", year: 2024 });
    expect(meta.title).toBe("广东省2024年政府工作报告");
  });

  it("the government a 管理委员会 speaks for names the place: 我代表大鹏新区管理委员会", () => {
    const { meta } = parseFile("dapeng-2021.txt");
    expect(meta).toMatchObject({ place: "大鹏新区", issuer: "大鹏新区管理委员会", year: 2021 });
  });

  it("parts titled alone (2014年工作回顾, 2015年工作安排) over areas numbered 一、 to 六、 in each", () => {
    // The review's sixth area is 六、政府自身建设取得实效: a numbered area about the
    // government's own conduct does not make the numbered areas the parts.
    const report = parseFile("nanshan-2015.txt");
    expect(topParts(report)).toEqual(["2014年工作回顾", "2015年工作安排"]);
    expect(report.meta).toMatchObject({ place: "南山区", year: 2015 });
    expect(report.plan).toHaveLength(6);
    expect(report.plan[0]?.title).toContain("坚持创新驱动、标准支撑");
  });

  it("reads as a work report by its address to the congress, though it speaks of 依法行政 and 执法 too", () => {
    // 我代表南山区人民政府向大会报告工作，请予审议，并请各位政协委员…提出意见.
    const report = parseFile("nanshan-2014.txt");
    expect(report.meta).toMatchObject({ genre: "work-report", place: "南山区", year: 2014 });
    expect(topParts(report)).toEqual(["2013年工作回顾", "2014年工作安排"]);
  });

  it("of two plan parts, the one naming the work to be done: 2020年主要工作任务, not 2020年发展形势和总体要求", () => {
    // 2020年主要工作任务: 一、奋力决战“四大攻坚行动” （一）–（四）, 二、全力抓好“八个方面”工作
    // （一）–（八）, 三、着力提升政府“四项能力” （一）–（四）.
    const report = parseFile("yantian-2020.txt");
    expect(topParts(report)).toEqual(["2019年工作回顾", "2020年发展形势和总体要求", "2020年主要工作任务"]);
    expect(report.plan).toHaveLength(16);
    expect(report.plan[0]?.title).toBe("奋力决战港口基础建设攻坚行动");
    expect(report.plan.at(-1)?.title).toBe("深耕于基，提升协同治理能力");
  });

  it("the year of the year's work, not of a long-range goal: 二〇三五年远景目标 in a part title", () => {
    // 一、2020年工作和“十三五”发展回顾 / 二、“十四五”时期主要任务和二〇三五年远景目标 / 三、2021年工作安排.
    expect(parseFile("futian-2021.txt").meta).toMatchObject({ place: "福田区", year: 2021 });
  });

  it("of two parts titled as plans (关于2019年工作, 关于2020年工作), the later year is the report's", () => {
    const report = parseFile("futian-2020.txt");
    expect(report.meta).toMatchObject({ place: "福田区", year: 2020 });
    expect(topParts(report).slice(0, 2)).toEqual(["关于2019年工作", "关于2020年工作"]);
  });

  it("a first session's report whose part titles name no year: the review opens with the year it reviews", () => {
    // 一、过去一年和五年工作回顾 opens 2022年是党和国家历史上极为重要的一年。; 二、对今年政府工作的
    // 建议 says only 今年. The report is delivered the year after the one reviewed.
    const report = parseFile("guowuyuan-2023.txt");
    expect(topParts(report)).toEqual(["过去一年和五年工作回顾", "对今年政府工作的建议"]);
    expect(report.meta).toMatchObject({ genre: "work-report", place: "中国", year: 2023 });
  });
});

describe("labels of figures", () => {
  /** The label of the first figure of the sentence saying `words`. */
  const labelOf = (name: string, words: string) => {
    const report = parseFile(name);
    const sentence = report.sentences.find((s) => s.text.includes(words));
    return report.figures.find((f) => f.sentenceIndex === sentence?.index)?.label;
  };

  it("labels a rate without the verb that sets it, where jieba glues the verb to its 率 (率控制, 率拟)", () => {
    expect(labelOf("guowuyuan-2023.txt", "财政赤字率控制在2.8%")).toBe("财政赤字率");
    expect(labelOf("guowuyuan-2024.txt", "赤字率拟按3%安排")).toBe("赤字率");
  });

  it("leaves out of a label a span of years (十年来), the country's name for itself (我国) and an adverb of how often (连年)", () => {
    expect(labelOf("guowuyuan-2023.txt", "十年来我国居民消费价格涨幅稳定在2%左右")).toBe("居民消费价格涨幅");
    expect(labelOf("guowuyuan-2023.txt", "粮食产量连年稳定在1.3万亿斤以上")).toBe("粮食产量");
  });
});

describe("a page that holds the report twice", () => {
  it("is read once: the second copy, under a news agency's dateline, is left out", () => {
    // 一、2023年工作回顾 … 各位代表！使命重在担当…; then 新华社北京3月12日电, the title, the speech
    // header, the speaker, a caption, and the same report again.
    const report = parseFile("guowuyuan-2024.txt");
    expect(topParts(report)).toEqual([
      "2023年工作回顾",
      "2024年经济社会发展总体要求和政策取向",
      "2024年政府工作任务",
    ]);
    expect(report.text).not.toContain("新华社北京3月12日电");
    expect(report.text.endsWith("为以中国式现代化全面推进强国建设、民族复兴伟业不懈奋斗！")).toBe(true);
    // The country's report: 全国 34 times, 中国 named most.
    expect(report.meta).toMatchObject({ place: "中国", year: 2024 });
    // 三、2024年政府工作任务: （一）大力推进现代化产业体系建设 to （十）切实保障和改善民生.
    expect(report.plan).toHaveLength(10);
    expect(report.plan[0]?.title).toContain("大力推进现代化产业体系建设");
  });

  it("leaves out a news site's editor line under the one copy: 【我要纠错】责任编辑：王安", () => {
    const lines = readFileSync(join(UNTITLED, "guowuyuan-2024.txt"), "utf8").split("\n");
    const firstCopy = lines.slice(0, lines.indexOf("新华社北京3月12日电"));
    const text = [...firstCopy, "【我要纠错】责任编辑：王安"].join("\n");
    expect(parseReport(text, "one-copy.txt").text).not.toContain("责任编辑");
  });
});

describe("questions naming such a report's place as people write it", () => {
  const { ask } = appOverReports(
    ["nanshan-2015.txt", "guangdong-2024.txt", "dapeng-2021.txt", "guowuyuan-2024.txt"].map((name) =>
      join(UNTITLED, name),
    ),
  );

  it("广东 names 广东省's report, whichever report the chat reads", async () => {
    await ask("/report nanshan-2015");
    const answer = await ask("广东GDP多少");
    expect(answer.report?.id).toBe("guangdong-2024");
    // 地区生产总值达到13.57万亿元、增长4.8%
    expect(answer.figures?.[0]?.raw).toBe("13.57万亿元");
  });

  it("answers the deficit ratio asked in English (赤字率拟按3%安排)", async () => {
    await ask("/report guowuyuan-2024");
    const answer = await ask("What is the deficit ratio?");
    expect(answer.figures?.[0]?.raw).toBe("3%");
  });

  it("answers a target asked for (目标) with the plan's target first, though its sentence does not say 目标", async () => {
    await ask("/report guowuyuan-2024");
    // 二、2024年经济社会发展总体要求和政策取向: 今年发展主要预期目标是：国内生产总值增长5%左右；
    // 城镇新增就业1200万人以上…；居民消费价格涨幅3%左右；…粮食产量1.3万亿斤以上；
    const grain = await ask("今年粮食产量目标");
    expect(grain.figures?.[0]).toMatchObject({ raw: "1.3万亿斤", sectionId: "2" });
    const prices = await ask("居民消费价格涨幅目标是多少");
    expect(prices.figures?.[0]).toMatchObject({ raw: "3%", sectionId: "2" });
  });

  it("大鹏 names 大鹏新区 in /compare", async () => {
    const answer = await ask("/compare 地区生产总值 大鹏");
    expect(answer.ok).toBe(true);
    expect(answer.title).toContain("大鹏新区");
  });
});
