import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReport } from "../src/report/decode.ts";
import { extractFigures } from "../src/report/figures.ts";
import { type Label, labelFigure } from "../src/report/labels.ts";
import { parseReport } from "../src/report/parse.ts";
import type { Figure, FigureKind } from "../src/report/types.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { readableAlone } from "./helpers/figure-tables.ts";

/**
 * Labels say what a figure counts so that they read alone in a chat line. Expected labels
 * were read from the reports' sentences; test/fixtures/figure-tables/README.md says how.
 */

const FIXTURES = join(import.meta.dirname, "fixtures");
const read = (path: string) => parseReport(decodeReport(readFileSync(path), path), path);
const seed = read(join(SEED_REPORTS, "zhongxian-2021.txt"));

const ALL_KINDS: ReadonlySet<FigureKind> = new Set(["amount", "change", "rate", "target", "rank"]);

/** The labels of one sentence's figures, by raw value. */
function labelsOf(sentence: string): Record<string, string> {
  const figures = extractFigures(sentence, {
    sectionId: "1",
    nodeId: "1",
    sentenceIndex: 0,
    offset: 0,
    kinds: ALL_KINDS,
    inPlan: false,
  });
  return Object.fromEntries(figures.map((f) => [f.raw, f.label]));
}

interface SeedEntry {
  raw: string;
  label: string;
  accept?: string[];
}

describe("the seed's labels", () => {
  it("match the hand-read table: each is its label or one of its accepted forms", () => {
    const table = JSON.parse(
      readFileSync(join(FIXTURES, "zhongxian-2021.figures.json"), "utf8"),
    ) as SeedEntry[];
    expect(seed.figures).toHaveLength(table.length);
    const unreadable = seed.figures.flatMap((f, i) => {
      const entry = table[i] as SeedEntry;
      return readableAlone(f.label, entry) ? [] : [`${f.raw} “${f.label}”, read: ${entry.label}`];
    });
    expect(unreadable).toEqual([]);
  });

  const figure = (raw: string, sentencePart: string): Figure => {
    const found = seed.figures.find((f) => f.raw === raw && f.sentence.includes(sentencePart));
    if (!found) throw new Error(`no figure ${raw} in a sentence with ${sentencePart}`);
    return found;
  };

  it("农民工工资保证金: the collected deposit is labelled 收缴, the waived one 免交", () => {
    const collected = figure("2180.99万元", "农民工工资保证金");
    const waived = figure("846.69万元", "农民工工资保证金");
    expect(collected.label).toContain("收缴");
    expect(collected.label).not.toContain("免交");
    expect(waived.label).toContain("免交");
    expect(figure("64个", "农民工工资保证金").label).toContain("收缴");
    expect(figure("33个", "农民工工资保证金").label).toContain("免交");
  });

  it("法律顾问: the corrected clauses keep their negation", () => {
    // 法律顾问…审查招商引资合同81件…纠正不合法条款132件次 (its own sentence after the ；).
    expect(figure("132件次", "条款").label).toBe("纠正不合法条款");
  });

  it("执法培训: both halves of 持证行政执法人员和拟办证人员 stay", () => {
    expect(figure("1627人", "执法培训").label).toBe("持证行政执法人员和拟办证人员");
  });

  it("a change names its quantity and the verb of the change", () => {
    expect(seed.figures.find((f) => f.raw === "10项" && f.change === "increase")?.label).toBe(
      "行政权力事项增加",
    );
  });
});

// Sentences of corpus reports without a hand-read table; expected labels read from them.
describe("labelling rules on other reports' sentences", () => {
  it("a growth borrows the quantity before it", () => {
    expect(labelsOf("固定资产投资完成101.1亿元，增长7%；")).toEqual({
      "101.1亿元": "固定资产投资",
      "7%": "固定资产投资增长",
    });
  });

  it("分别 gives each figure of a run its own quantity, in order", () => {
    const labels = labelsOf(
      "社会消费品零售总额、限额以上消费品零售额分别完成77.3亿元、9.4亿元，分别增长10.2%、19.6%，均位列全市前五；",
    );
    expect(labels).toMatchObject({
      "77.3亿元": "社会消费品零售总额",
      "9.4亿元": "限额以上消费品零售额",
      "10.2%": "社会消费品零售总额增长",
      "19.6%": "限额以上消费品零售额增长",
    });
  });

  it("a level reached (从…增长到…) is the quantity, not a change", () => {
    expect(labelsOf("全县生产总值从2015年的56.1亿元增长到2020年的77.2亿元，累计增长41%。")).toEqual({
      "56.1亿元": "生产总值",
      "77.2亿元": "生产总值",
      "41%": "生产总值增长",
    });
  });

  it("an action alone counts the quantity before it, with its negation", () => {
    const labels = labelsOf(
      "2019年以来，共收到行政复议申请103宗，不受理12宗（其中转送10宗，不予受理1宗，告知处理1宗），受理91宗。",
    );
    expect(labels).toMatchObject({
      "103宗": "行政复议申请",
      "12宗": "不受理行政复议申请",
      "91宗": "受理行政复议申请",
    });
  });

  it("names listed before 等 are examples: the count is of the noun after the number", () => {
    expect(
      labelsOf("经济开发区基础设施建设步伐加快，北京君光伟业等5家科技型中小企业落户园区。")["5家"],
    ).toContain("科技型中小企业");
  });

  it("a total is labelled with what it is the total of", () => {
    expect(
      labelsOf("启动了总投资 12 亿元的职教中心新校区、总投资 7100 万元的南城九年一贯制学校等学校建设。"),
    ).toEqual({
      "12 亿元": "职教中心新校区总投资",
      "7100 万元": "南城九年一贯制学校总投资",
    });
  });

  it("a list too long for a line keeps the first example and the head", () => {
    expect(
      labelsOf("开展法治副校长授课、“莎姐”讲法、检察院开放日等活动200余场，参与学生达10万余人次。"),
    ).toEqual({
      "200余场": "法治副校长授课等活动",
      "10万余人次": "参与学生",
    });
  });
});

/**
 * Ranks are labelled by labelFigure whatever finds them (this parser does not yet): each
 * figure is given by its raw text, unit and whether the unit is a counter.
 */
function labelEach(sentence: string, figures: [raw: string, unit: string, counter: boolean][]): string[] {
  const previous: Label[] = [];
  let from = 0;
  for (const [raw, unit, counterUnit] of figures) {
    const start = sentence.indexOf(raw, from);
    previous.push(labelFigure({ sentence, start, end: start + raw.length, unit, counterUnit, previous }));
    from = start + raw.length;
  }
  return previous.map((l) => l.text);
}

describe("rank labels", () => {
  it("name what is ranked and where", () => {
    expect(labelEach("2018年，在全市考评中名列第二，成绩进步显著。", [["第二", "", false]])).toEqual([
      "全市考评排名",
    ]);
    expect(
      labelEach("空气质量二级以上天数达到198天，连续两个月空气质量考核排在全省前5名。", [
        ["198天", "天", false],
        ["前5名", "名", true],
      ]),
    ).toEqual(["空气质量二级以上天数", "空气质量考核全省排名"]);
  });

  it("take what is ranked from the figure before when the clause names nothing", () => {
    expect(
      labelEach("2016年全年空气优良天数达到 176 天，位列全市第二。", [
        ["176 天", "天", false],
        ["第二", "", false],
      ]),
    ).toEqual(["空气优良天数", "空气优良天数全市排名"]);
  });
});

describe("labels across the corpus", () => {
  const dir = join(FIXTURES, "corpus", "work-reports");
  const figures = readdirSync(dir).flatMap((file) => read(join(dir, file)).figures);

  it("are never empty and fit a chat line", () => {
    expect(figures.length).toBeGreaterThan(5000);
    expect(figures.filter((f) => f.label === "")).toEqual([]);
    expect(figures.filter((f) => f.label.length > 20)).toEqual([]);
  });

  it("are almost never a bare verb of change or completion (增长, 完成, 共, 建成)", () => {
    const bare = figures.filter((f) => /^(增长|增加|下降|减少|提高|完成|实现|达到|共|建成)$/.test(f.label));
    expect(bare.length / figures.length).toBeLessThan(0.001);
  });
});
