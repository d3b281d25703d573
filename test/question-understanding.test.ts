/**
 * How a question in plain words is read: what it asks for, its words, the unit it wants.
 * Each question was written by reading the report it is about and asking what a county
 * official or a resident would ask; the words expected are the report's own wording
 * (what the question should be looked up by), not whatever the code happens to produce.
 */
import { describe, expect, it } from "vitest";
import { type AboutReport, understand } from "../src/query/question/understand.ts";

/** The seed: 忠县人民政府2021年法治政府建设年度报告 (data/reports/zhongxian-2021.txt). */
const ZHONGXIAN: AboutReport = {
  title: "忠县人民政府2021年法治政府建设年度报告",
  place: "忠县",
  issuer: "忠县人民政府",
};
/** A work report of the corpus: 2022年顺平县政府工作报告 (test/fixtures/corpus/work-reports/shunping-2022.txt). */
const SHUNPING: AboutReport = { title: "2022年顺平县政府工作报告" };

type Row = [question: string, intent: string, words: string[], unit: string | null];

const ABOUT_THE_SEED: Row[] = [
  // Figures: 多少, 几, 比例, …率 — and the unit named or implied by what is counted.
  ["法律援助案件有多少件?", "figures", ["法律援助案件"], "件"],
  ["这份报告有哪些内容", "section", [], null],
  ["法援办了多少案子", "figures", ["法律援助", "案件"], "件"],
  ["全年受理了几件法律援助", "figures", ["受理", "法律援助"], "件"],
  ["法律援助帮群众挽回了多少损失", "figures", ["法律援助", "群众", "挽回", "损失"], null],
  ["公证办了几件", "figures", ["公证"], "件"],
  ["行政复议案件审理了多少件", "figures", ["行政复议", "案件", "审理"], "件"],
  ["调解成功率是多少", "figures", ["调解", "成功率"], "%"],
  ["调解了多少纠纷", "figures", ["调解", "纠纷"], "件"],
  ["欠薪投诉有几起", "figures", ["欠薪", "投诉"], "起"],
  ["拖欠工资的投诉有多少", "figures", ["欠薪", "投诉"], "件"],
  ["欠薪涉及多少农民工", "figures", ["欠薪", "涉及", "农民工"], "人"],
  ["欠薪金额是多少", "figures", ["欠薪"], "元"],
  ["罚没收入多少钱", "figures", ["罚没收入"], "元"],
  ["立案查处了多少案件?", "figures", ["立案查处", "案件"], "件"],
  ["食品安全监督抽检了多少批次", "figures", ["食品安全", "监督抽检"], "批次"],
  ["食品抽检合格率", "figures", ["食品", "抽检", "合格率"], "%"],
  ["执法人员出动了多少人次?", "figures", ["执法人员", "出动"], "人次"],
  ["执法车辆出动了多少台次", "figures", ["执法车辆", "出动"], "台次"],
  ["增殖放流了多少尾鱼", "figures", ["增殖放流"], "尾"],
  ["劝离了多少非法垂钓者", "figures", ["劝离", "非法垂钓"], null],
  ["劳动能力鉴定多少人次", "figures", ["劳动能力鉴定"], "人次"],
  ["劳动仲裁结案率多少", "figures", ["劳动仲裁", "结案率"], "%"],
  ["工伤认定了多少件", "figures", ["工伤认定"], "件"],
  ["法律顾问提出了多少修改建议", "figures", ["法律顾问", "提出", "修改建议"], "条"],
  ["审核意见提了多少条", "figures", ["审核意见"], "条"],
  ["清理了多少规范性文件", "figures", ["清理", "规范性文件"], "件"],
  ["马上办的比例是多少", "figures", ["马上办"], "%"],
  ["全程网办占比多少", "figures", ["全程网办"], "%"],
  ["行政权力事项有多少项", "figures", ["行政权力事项"], "项"],
  ["行政权力事项比去年增加了多少", "figures", ["行政权力事项", "增加"], "项"],
  ["县政府负责人出庭应诉率是多少", "figures", ["县政府", "负责人", "出庭应诉率"], "%"],
  ["多少名执法人员参加了培训", "figures", ["执法人员", "参加", "培训"], "名"],
  ["疫情防控检查了多少家医疗机构", "figures", ["疫情防控", "检查", "医疗机构"], "家"],
  ["食品安全满意度多少分", "figures", ["食品安全", "满意度"], "分"],
  // The plan and the problems, with the words that narrow them down.
  ["明年打算做什么", "plan", [], null],
  ["2022年有什么工作安排?", "plan", [], null],
  ["下一步工作打算", "plan", [], null],
  ["来年有何打算", "plan", [], null],
  ["今后在行政复议方面有什么安排", "plan", ["行政复议"], null],
  ["明年对法治副主任有什么部署", "plan", ["法治副主任"], null],
  ["存在哪些问题", "problems", [], null],
  ["报告提到了哪些不足?", "problems", [], null],
  ["执法方面存在什么短板", "problems", ["执法"], null],
  ["有几个问题", "problems", [], null],
  ["工作中还有哪些不足", "problems", [], null],
  ["还有哪些地方做得不好", "problems", [], null],
  ["在哪些方面存在问题", "problems", [], null],
  // A section, by its number or by what it is about.
  ["营商环境方面做了什么", "section", ["营商环境"], null],
  ["行政执法做得怎么样", "section", ["行政执法"], null],
  ["矛盾纠纷化解情况如何", "section", ["矛盾纠纷", "化解"], null],
  ["公共法律服务有哪些举措", "section", ["公共法律服务"], null],
  ["说说公共法律服务", "section", ["公共法律服务"], null],
  ["第七部分讲了什么", "section", [], null],
  ["这份报告讲了什么", "section", [], null],
  // The outline and the report itself.
  ["目录", "outline", [], null],
  ["这份报告分几个部分", "outline", [], null],
  ["便民代办事项指导目录有多少项", "figures", ["便民", "代办", "事项", "指导", "目录"], "项"],
  ["报告是哪天发布的", "report-info", [], null],
  ["谁发布的这份报告", "report-info", [], null],
  // Comparisons, and phrases with no question around them.
  ["法律援助案件和公证案件哪个多", "compare", ["法律援助案件", "公证案件"], null],
  ["法治副主任", "unknown", ["法治副主任"], null],
  ["十年禁渔", "unknown", ["十年禁渔"], null],
  // Off the report's topic: the words stay, and the report will not have them.
  ["明天会下雨吗", "unknown", ["下雨"], null],
  ["股价多少", "figures", ["股价"], null],
  ["你好", "unknown", [], null],
  // Traditional characters, full-width forms, spaces.
  ["公證案件有幾件？", "figures", ["公证案件"], "件"],
  ["調解成功率是多少？", "figures", ["调解", "成功率"], "%"],
  ["欠薪投訴有多少宗", "figures", ["欠薪", "投诉"], "宗"],
  ["法律援助案件　有　多少　件", "figures", ["法律援助案件"], "件"],
  ["ＧＤＰ是多少", "figures", ["地区生产总值"], "元"],
  // English, read through the glossary.
  ["How many legal aid cases were handled?", "figures", ["法律援助案件", "办理"], "件"],
  ["How many labour arbitration applications were received?", "figures", ["劳动仲裁", "申请", "受理"], "件"],
  ["How many normative documents were reviewed?", "figures", ["规范性文件", "审核"], "件"],
  ["What was the mediation success rate?", "figures", ["调解", "成功率"], "%"],
  ["How much money was involved in wage arrears?", "figures", ["欠薪"], "元"],
  ["How many law enforcement officers were dispatched?", "figures", ["执法人员", "出动"], "人"],
  ["How many fish were released?", "figures", ["增殖放流"], "尾"],
  ["HOW MANY NOTARIZATION CASES?", "figures", ["公证案件"], "件"],
  ["What are the plans for next year?", "plan", [], null],
  ["What problems does the report mention?", "problems", [], null],
  ["What issues remain?", "problems", [], null],
  ["How many review opinions were issued?", "figures", ["审核意见", "出具"], "条"],
  ["Who issued the report?", "report-info", [], null],
  ["What sections does the report have?", "outline", [], null],
  ["What are the shortcomings in law enforcement?", "problems", ["行政执法"], null],
  ["What about the business environment?", "section", ["营商环境"], null],
  ["Tell me about legal aid", "section", ["法律援助"], null],
  ["Show me the outline", "outline", [], null],
  ["When was the report published?", "report-info", [], null],
  ["What's the weather like tomorrow?", "unknown", [], null],
];

const ABOUT_A_WORK_REPORT: Row[] = [
  ["顺平县的GDP是多少", "figures", ["地区生产总值"], "元"],
  ["生产总值增长了多少", "figures", ["地区生产总值", "增长"], "%"],
  // 经济增长 is said of the GDP.
  ["去年经济增长了多少", "figures", ["地区生产总值"], "%"],
  ["一般公共预算收入多少", "figures", ["一般公共预算收入"], "元"],
  ["固定资产投资增长了多少", "figures", ["固定资产投资", "增长"], "%"],
  ["社零总额是多少", "figures", ["社会消费品零售总额", "总额"], "元"],
  ["规上工业增加值增长多少", "figures", ["规模以上工业增加值", "增长"], "%"],
  ["新增了多少高新技术企业", "figures", ["新增", "高新技术企业"], "家"],
  ["招商引资落地了多少项目", "figures", ["招商引资", "落地", "项目"], "个"],
  // 目标 says a target is wanted, not what it is of.
  ["明年GDP增长目标是多少", "figures", ["地区生产总值", "增长"], "%"],
  ["居民消费价格涨幅目标", "unknown", ["居民消费", "价格", "涨幅"], null],
  ["乡村振兴做得怎么样", "section", ["乡村振兴"], null],
  ["今年的主要预期目标是什么", "plan", [], null],
  ["What are the main targets for this year?", "plan", [], null],
  ["城镇化率是多少", "figures", ["城镇化率"], "%"],
  ["What was the GDP?", "unknown", ["地区生产总值"], null],
  ["How much was general public budget revenue?", "figures", ["一般公共预算收入"], "元"],
  // "How many people" says what the figure is counted in, as 多少人 does.
  ["How many people were lifted out of poverty?", "figures", ["脱贫攻坚"], "人"],
  ["How many poor people are there?", "figures", ["贫困人口"], "人"],
];

function check(about: AboutReport, [question, intent, words, unit]: Row) {
  const u = understand(question, about);
  expect({ intent: u.intent, words: u.terms.map((t) => t.text), unit: u.unit?.label ?? null }).toEqual({
    intent,
    words,
    unit,
  });
}

describe("reading a question about the seed report", () => {
  it.each(ABOUT_THE_SEED)("%s → %s %j %s", (...row) => check(ZHONGXIAN, row));
});

describe("reading a question about a 政府工作报告", () => {
  it.each(ABOUT_A_WORK_REPORT)("%s → %s %j %s", (...row) => check(SHUNPING, row));
});

describe("the parts of a question beyond its words", () => {
  it("reads a section number in any form", () => {
    expect(understand("第七部分讲了什么", ZHONGXIAN).sectionRefs).toEqual(["第七部分", "七"]);
    expect(understand("(五)是关于什么的", ZHONGXIAN).sectionRefs).toEqual(["(五)"]);
    expect(understand("1.6讲了什么", ZHONGXIAN).sectionRefs).toEqual(["1.6"]);
    expect(understand("What is part 7 about?", ZHONGXIAN).sectionRefs).toEqual(["7"]);
    // A number with a unit is a figure, not a section.
    expect(understand("4.5批次是什么", ZHONGXIAN).sectionRefs).toEqual([]);
  });

  it("drops the report's own place and year, not other places", () => {
    const own = understand("忠县2021年法律援助案子有多少", ZHONGXIAN);
    expect(own.terms.map((t) => t.text)).toEqual(["法律援助", "案件"]);
    const other = understand("北京的法律援助案件有多少", ZHONGXIAN);
    expect(other.terms.map((t) => t.text)).toContain("北京");
  });

  it("drops the areas the report's place lies in, and the place under its other kind", () => {
    const within = understand("重庆市忠县的法律援助案件有多少件", ZHONGXIAN);
    expect(within.terms.map((t) => t.text)).toEqual(["法律援助案件"]);
    // 清苑县 became 清苑区 in 2015: the 2005 report is asked about by the district's name.
    const renamed = understand("清苑区财政收入多少", { title: "清苑县2005年政府工作报告" });
    expect(renamed.terms.map((t) => t.text)).toEqual(["财政收入"]);
  });

  it("says when a question asks how something changed, or compares with another year", () => {
    expect(understand("行政权力事项比去年增加了多少", ZHONGXIAN).wantsChange).toBe(true);
    expect(understand("行政权力事项有多少项", ZHONGXIAN).wantsChange).toBe(false);
    expect(understand("和去年比法律援助案件多了吗", ZHONGXIAN).comparesAcross).toBe(true);
    expect(understand("法律援助案件和公证案件哪个多", ZHONGXIAN).comparesAcross).toBe(false);
  });

  it("says when a question asks for a place in a ranking, and keeps the cue out of its words", () => {
    const zh = understand("食品安全满意度排第几", ZHONGXIAN);
    expect(zh.wantsRank).toBe(true);
    expect(zh.terms.map((t) => t.text)).toEqual(["食品安全", "满意度"]);
    expect(understand("What rank did food safety satisfaction get?", ZHONGXIAN).wantsRank).toBe(true);
    expect(understand("食品安全满意度多少分", ZHONGXIAN).wantsRank).toBe(false);
  });

  it("says when two words are asked about together", () => {
    expect(understand("法律援助和公证一共多少件", ZHONGXIAN).joined).toBe(true);
    expect(understand("法律援助案件、公证案件各多少", ZHONGXIAN).joined).toBe(true);
    expect(understand("法律顾问提出了多少修改建议", ZHONGXIAN).joined).toBe(false);
  });

  it("drops the English words for what a report says (mention, cover, talk about)", () => {
    const read = understand("What problems does the report mention?", ZHONGXIAN);
    expect(read.intent).toBe("problems");
    expect(read.unknown).toEqual([]);
    expect(understand("Which measures does it cover?", ZHONGXIAN).unknown).toEqual([]);
  });

  it("drops the English words for doing what was counted (created, achieved)", () => {
    expect(understand("How many new jobs were created?", ZHONGXIAN).unknown).toEqual([]);
    expect(understand("What was achieved in poverty alleviation?", ZHONGXIAN).unknown).toEqual([]);
  });

  it("keeps the English words it does not know, to say so", () => {
    expect(understand("What's the weather like tomorrow?", ZHONGXIAN).unknown).toEqual([
      "weather",
      "tomorrow",
    ]);
  });

  it("matches a glossary term by any of its forms", () => {
    const [term] = understand("法援案子多少个", ZHONGXIAN).terms;
    expect(term?.anyOf).toEqual(expect.arrayContaining(["法律援助", "法援"]));
  });
});
