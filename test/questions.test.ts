/**
 * Questions in plain words, answered from the seed report: the answer starts with how the
 * question was read, shows what answers it, and ends with the command that gives the same.
 * Expected figures are read from the report (data/reports/zhongxian-2021.txt).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

const ask = (line: string): Promise<Answer> => app.dispatcher.handleLine(line, CONSOLE_CHAT);
const raws = (a: Answer) => a.figures.map((f) => f.raw);
const lines = (a: Answer) => a.text.split("\n").filter((l) => l.trim() !== "");

describe("a question's answer", () => {
  it("starts with how it was read and ends with the command that gives the same answer", async () => {
    const a = await ask("法律援助案件有多少件?");
    expect(a).toMatchObject({ ok: true, command: "ask" });
    expect(lines(a)[0]).toBe("按“法律援助案件”查找数字, 单位“件”优先");
    expect(raws(a)[0]).toBe("1114件");
    expect(a.reading).toEqual({
      intent: "figures",
      words: ["法律援助案件"],
      unit: "件",
      command: "/stat 法律援助案件",
    });
    const shown = lines(a);
    expect(shown.at(-2)).toBe("同样的结果: /stat 法律援助案件");
    expect(shown.at(-1)).toBe("来源: 忠县人民政府2021年法治政府建设年度报告");
  });

  it("lists the same figures as the command it names", async () => {
    for (const question of [
      "调解成功率是多少",
      "欠薪涉及多少农民工",
      "How many legal aid cases were handled?",
    ]) {
      const a = await ask(question);
      const same = await ask(a.reading?.command ?? "");
      expect(same.ok, question).toBe(true);
      expect([...raws(a)].sort(), question).toEqual([...raws(same)].sort());
    }
  });

  it("puts the unit asked for first: a share, a count of people, money", async () => {
    expect(raws(await ask("马上办的比例是多少"))[0]).toBe("54.32%");
    expect(raws(await ask("欠薪涉及多少农民工"))[0]).toBe("1760人");
    expect(raws(await ask("欠薪金额是多少"))[0]).toBe("1987.16万元");
    expect(raws(await ask("欠薪投诉有几起"))[0]).toBe("229件");
    expect(raws(await ask("行政权力事项比去年增加了多少"))[0]).toBe("10项");
  });

  it("reads abbreviations, synonyms, traditional characters, full-width text and English", async () => {
    expect(raws(await ask("法援办了多少案子"))[0]).toBe("1114件");
    expect(raws(await ask("拖欠工资的投诉有多少"))[0]).toBe("229件");
    expect(raws(await ask("公證案件有幾件？"))[0]).toBe("2149件");
    expect(raws(await ask("ｈｏｗ ｍａｎｙ ｎｏｔａｒｉｚａｔｉｏｎ ｃａｓｅｓ"))[0]).toBe("2149件");
    expect(raws(await ask("How many labour arbitration applications were received?"))[0]).toBe("185件");
    expect(raws(await ask("How many fish were released?"))[0]).toBe("4万余尾");
    expect(raws(await ask("What was the mediation success rate?"))[0]).toBe("99 %");
  });

  it("reads a word mistyped by one character as the report's word, and says so", async () => {
    const review = await ask("行政复仪案件有多少件");
    expect(lines(review)[0]).toContain("“行政复仪”按“行政复议”理解");
    expect(raws(review)[0]).toBe("52件");
    expect(raws(await ask("执法人圆出动了多少人次"))[0]).toBe("16870人次");
    expect(raws(await ask("调解成攻率是多少"))[0]).toBe("99 %");
    expect((await ask("枫桥经念")).reading?.words).toEqual(["枫桥经验"]);
  });

  it("finds the figure a question's words name in its own clause, not a neighbour in its sentence", async () => {
    expect(raws(await ask("执法车辆出动了多少台次"))[0]).toBe("859台次");
    expect(raws(await ask("罚没收入多少钱"))[0]).toBe("21.257万元");
    expect(raws(await ask("劝离了多少垂钓者"))[0]).toBe("2000余人");
    expect(raws(await ask("法律顾问提出了多少修改建议"))[0]).toBe("489条");
  });
});

describe("what a question asks for", () => {
  it("answers the plan, whole or the items about its words", async () => {
    const plan = await ask("明年打算做什么");
    expect(plan.reading?.command).toBe("/plan");
    expect(plan.text).toContain("法治副主任");
    expect(plan.text).toContain("示范创建");
    const review = await ask("今后在行政复议方面有什么安排");
    expect(review.text).toContain("问的是工作安排中与“行政复议”有关的");
    expect(review.text).toContain("加强行政复议队伍建设");
    expect(review.text).not.toContain("示范创建");
  });

  it("answers the problems", async () => {
    const a = await ask("报告提到了哪些问题?");
    expect(a.reading?.command).toBe("/problems");
    expect(a.text).toContain("队伍素质");
    expect((await ask("有几个问题")).title).toBe("问的是存在的问题");
  });

  it("answers with a section, found by its number or by what it is about", async () => {
    expect((await ask("第七部分讲了什么")).sections[0]?.id).toBe("1.7");
    expect((await ask("营商环境方面做了什么")).sections[0]?.id).toBe("1.2");
    expect((await ask("行政执法做得怎么样")).sections[0]?.id).toBe("1.5");
    expect((await ask("Tell me about legal aid")).sections[0]?.id).toBe("1.7");
    const section = await ask("营商环境方面做了什么");
    expect(section.reading?.command).toBe("/section 1.2");
    expect(section.text).toContain("同样的结果: /section 1.2");
  });

  it("answers the outline, the overview and facts about the report", async () => {
    expect((await ask("这份报告分几个部分")).text).toContain("3.3 为全县经济社会发展大局保驾护航");
    expect((await ask("这份报告讲了什么")).reading?.command).toBe("/summary");
    const info = await ask("报告是哪天发布的");
    expect(info.text).toContain("2022-02-14");
    expect(info.text).toContain("忠县人民政府");
  });

  it("answers a bare phrase with its figures, else its section, else the sentences that say it", async () => {
    expect(raws(await ask("法律援助"))).toEqual(["1114件", "1610.8万余元"]);
    expect((await ask("营商环境")).reading?.command).toBe("/section 1.2");
    const sentences = await ask("法治副主任");
    expect(sentences.reading?.command).toBe("/search 法治副主任");
    expect(sentences.blocks.some((b) => b.kind === "sentences")).toBe(true);
  });

  it("sets two things side by side when asked which is more, or asked about together", async () => {
    expect(raws(await ask("法律援助案件和公证案件哪个多"))).toEqual(["1114件", "2149件"]);
    expect(raws(await ask("法律援助和公证一共多少件"))).toEqual(["1114件", "2149件"]);
  });

  it("puts the list items naming the most of the question's words first", async () => {
    const a = await ask("执法队伍有什么问题");
    const items = a.blocks.find((b) => b.kind === "list");
    expect(items?.kind === "list" && items.items[0]).toContain("行政执法队伍素质能力");
  });
});

describe("a question the report cannot answer", () => {
  for (const question of [
    "明天会下雨吗",
    "股价多少",
    "今天天气怎么样",
    "What's the weather like tomorrow?",
    "GDP是多少",
  ]) {
    it(`says so for "${question}", with topics the report does cover, and no figure`, async () => {
      const a = await ask(question);
      expect(a.ok).toBe(false);
      expect(a.error?.code).toBe("not_found");
      expect(a.text).toContain("报告中没有相关内容");
      expect(a.figures).toEqual([]);
      expect(a.actions.length).toBeGreaterThanOrEqual(2);
      expect(a.actions.length).toBeLessThanOrEqual(3);
      for (const action of a.actions) expect(action.command).toMatch(/^\/section 1\.\d$/);
    });
  }

  it("says it did not understand a question with no words to look for", async () => {
    const a = await ask("你好");
    expect(a).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(a.text).toContain("没看懂");
  });
});

describe("asking as a command", () => {
  it("is /ask, /问 and /question on every platform", async () => {
    for (const line of ["/ask 公证案件有多少件", "/问 公证案件有多少件", "/question 公证案件有多少件"]) {
      const a = await ask(line);
      expect(a.command).toBe("ask");
      expect(raws(a)[0]).toBe("2149件");
    }
    const empty = await ask("/ask");
    expect(empty).toMatchObject({ ok: false, error: { code: "bad_input" } });
    expect(empty.text).toContain("/ask <问题>");
  });

  it("is cached under the question as folded: punctuation, width and script do not matter", async () => {
    const first = await ask("劳动仲裁申请有多少件");
    const again = await ask("勞動仲裁申請有多少件？");
    expect(first.cached).toBe(false);
    expect(again.cached).toBe(true);
    expect(raws(again)).toEqual(raws(first));
  });

  it("pages a long list of figures with /ask … page:N", async () => {
    const a = await ask("案件有多少件");
    expect(a.figures).toHaveLength(5);
    expect(a.paging?.next?.command).toBe("/ask 案件有多少件 page:2");
    const next = await ask(a.paging?.next?.command ?? "");
    expect(next.paging?.page).toBe(2);
    expect(raws(next)[0]).not.toBe(raws(a)[0]);
  });
});

describe("/stat ranks by the figure's own clause", () => {
  it("/stat 罚没 shows 罚没收入21.257万元 first", async () => {
    expect(raws(await ask("/stat 罚没"))[0]).toBe("21.257万元");
  });

  it("/stat 增殖放流 shows 4万余尾 first, not last of its sentence", async () => {
    expect(raws(await ask("/stat 增殖放流"))[0]).toBe("4万余尾");
  });

  it("/stat reads the glossary: an abbreviation or an English name finds the report's wording", async () => {
    expect(raws(await ask("/stat 法援"))).toContain("1114件");
    expect(raws(await ask("/stat legal aid"))).toContain("1114件");
    expect(raws(await ask("/stat 拖欠工资"))).toContain("229件");
  });
});
