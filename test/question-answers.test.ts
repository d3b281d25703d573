/**
 * Everyday questions about the seed report, each with the figure that answers it, read from
 * the report (data/reports/zhongxian-2021.txt) by hand: that figure must be among the first
 * three shown. Chinese as people type it (案子, 几件, 多少钱) and English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

const QUESTIONS: [question: string, figure: string][] = [
  ["全县受理了多少法律援助案件", "1114件"],
  ["法律援助挽回损失多少万", "1610.8万余元"],
  ["公证一年办了多少", "2149件"],
  ["行政复议审理了几件案子", "52件"],
  ["调委会一共调解了几件纠纷", "3298件"],
  ["调解成功的有几件", "3265件"],
  ["公共法律服务平台调处了多少纠纷", "224件"],
  ["法律咨询多少人次", "1.2万余人次"],
  ["普法宣传搞了多少场", "200余场"],
  ["法治副校长授课等活动开展了多少场", "200余场"],
  ["参与的学生有多少人次", "10万余人次"],
  ["专项执法检查开展了多少项", "30余项"],
  ["全县立案查处多少件案件", "258件"],
  ["药品案件多少件", "36件"],
  ["公共服务事项比去年多了几项", "6项"],
  ["证明事项告知承诺制办理了多少件", "986件"],
  ["清理了多少户失信被执行人关联企业", "301户"],
  ["依申请类政务服务事项有多少项", "1366项"],
  ["全程网办有多少项", "1150项"],
  ["一次办的有多少项", "612项"],
  ["便民代办事项指导目录有多少项", "138项"],
  ["规范性文件清理了几次", "8次"],
  ["废止了几件规范性文件", "10件"],
  ["修改了几件文件", "4件"],
  ["出具了多少份审核意见书", "82份"],
  ["报备市政府的规范性文件有几件", "3件"],
  ["法律顾问团有几名专职律师", "4名"],
  ["选送了几篇优秀案例", "2篇"],
  ["执法车辆出动多少台次", "859台次"],
  ["处理了多少举报信访案件", "230件"],
  ["隔离了多少头非法调运的生猪", "60头"],
  ["没收非法物资多少公斤", "15.8公斤"],
  ["收缴销毁了多少幅网具", "260幅"],
  ["放生渔获物多少", "400余公斤"],
  ["对多少家企业集体合同进行了备案审查", "21家"],
  ["特殊工时审批了几家企业", "23家"],
  ["收缴农民工工资保证金多少万元", "2180.99万元"],
  ["免交保证金的工程项目有几个", "33个"],
  ["工伤认定决定作出了多少件", "310件"],
  ["审批企业职工退休多少人次", "3000人次"],
  ["特殊工种退休多少人", "130人次"],
  ["劳动仲裁立案处理了多少件", "157件"],
  ["劳动仲裁办结多少件", "156件"],
  ["食品抽检量每千人多少批次", "4.5批次/千人"],
  ["两品一械抽检合格率", "99%"],
  ["食品安全评价性抽检合格率是多少", "98%"],
  ["群众对食品安全满意吗", "86.41分"],
  ["检查了多少家住宿场所", "100家"],
  ["检查了多少家托幼机构", "94家"],
  ["提出整改意见多少条", "356条"],
  ["对多少家医疗机构下达了卫生监督意见书", "35家"],
  ["注销了多少个执法证", "341个"],
  ["审查办理了多少个行政执法证", "199个"],
  ["多少人参加了执法培训", "1627人"],
  ["简易程序案件自查了多少件", "489件"],
  ["普通程序案件有多少", "1711件"],
  ["案卷抽查了多少件", "47件"],
  ["发现了几类问题", "9类"],
  ["开展了几次行政执法调研", "3次"],
  ["法律顾问审核了几件重大行政决策", "7件"],
  ["审查了多少份招商引资合同", "81件"],
  ["纠正了多少不合法条款", "132件次"],
  ["解除了几件合同", "3件"],
  ["How many notary cases were concluded?", "2149件"],
  ["How many disputes did mediation committees handle?", "3298件"],
  ["How many administrative reconsideration cases were tried?", "52件"],
  ["How many legal consultations?", "1.2万余人次"],
  ["How many wage arrears complaints were received?", "229件"],
  ["How many migrant workers were involved in unpaid wage cases?", "1760人"],
  ["How many work injury cases were determined?", "310件"],
  ["What is the labour arbitration closing rate?", "98.1%"],
  ["How many food samples were tested for safety?", "3229批次"],
  ["What is the food safety satisfaction score?", "86.41分"],
  ["How many law enforcement certificates were cancelled?", "341个"],
  ["How many officers were trained?", "1627人"],
  ["How many investment contracts were reviewed?", "81件"],
  ["How many suggestions did legal advisers make?", "489条"],
  ["What share of government services is handled immediately?", "54.32%"],
  ["How many administrative power items are there?", "4820项"],
  ["How many cases were filed and investigated?", "258件"],
  ["How much were fines and confiscations?", "21.257万元"],
  ["How many students took part in legal education?", "10万余人次"],
  ["食品安全满意度在全市排第几", "全市第四"],
  ["药品智慧监管系统使用率排名多少", "全市第十"],
  ["Where did food safety satisfaction rank in the city?", "全市第四"],
];

describe("the figure that answers an everyday question", () => {
  it.each(QUESTIONS)("%s → %s", async (question, figure) => {
    const answer = await app.dispatcher.handleLine(question, CONSOLE_CHAT);
    expect(answer.ok).toBe(true);
    expect(answer.figures.slice(0, 3).map((f) => f.raw)).toContain(figure);
  });
});

describe("a question that asks for a place in a ranking", () => {
  it("puts the rank first, before the score it ranks (满意度86.41分,列全市第四)", async () => {
    const answer = await app.dispatcher.handleLine("食品安全群众满意度排名第几?", CONSOLE_CHAT);
    expect(answer.figures[0]?.raw).toBe("全市第四");
    const score = await app.dispatcher.handleLine("食品安全群众满意度多少分?", CONSOLE_CHAT);
    expect(score.figures[0]?.raw).toBe("86.41分");
  });
});
