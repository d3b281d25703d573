/**
 * The genre's stock words that labelling rules lean on. jieba tags many of them
 * inconsistently (收入/v, 投资/vn, 印发/nz), so they are listed rather than read from tags.
 */

/**
 * Verbs that govern what was counted without changing it: 受理各类法律援助案件1114件
 * counts 法律援助案件. A label starts after the last of them.
 */
export const LIGHT_VERBS = new Set([
  "开展",
  "完成",
  "实现",
  "组织",
  "举办",
  "召开",
  "受理",
  "办理",
  "办结",
  "提出",
  "出具",
  "作出",
  "做出",
  "接受",
  "收到",
  "接到",
  "参加",
  "实施",
  "推进",
  "进行",
  "列入",
  "谋划",
  "落实",
  "累计",
  "共计",
  "合计",
  "总计",
  "达到",
  "拥有",
  "培育",
  "创建",
  "启动",
  "打造",
  "设立",
  "完成了",
  "开展了",
  "实施了",
  "组织了",
  "办理了",
  "受理了",
  "提出了",
  "出具了",
]);

/** Verbs of a change: 增长7.5%, 比去年增加10项. The label names the quantity, then the verb. */
export const CHANGE_VERBS = /(增长|增加|提高|上升|提升|下降|减少|降低|递增|递减|增收|减收|回落|增幅|增速)$/;

/** A change verb followed by 到/至 gives the level reached (下降到2.88万人), not a change. */
export const LEVEL_VERB =
  /(增长|增加|提高|上升|提升|下降|减少|降低|扩大|发展|缩小|压减|降|增|达|保持|控制|稳定)(到|至|为|在)$/;

/**
 * Words between the counted thing and its number: 率达, 共计, 为, 完成 (生产总值完成122.4亿元).
 * Stripped from the end of a clause, longest first.
 */
export const TRAILING_LINKS = [
  "分别达到",
  "分别为",
  "分别是",
  "分别",
  "均为",
  "均达到",
  "达到了",
  "达到",
  "完成了",
  "完成",
  "实现了",
  "实现",
  "突破",
  "迈上",
  "跨上",
  "跃上",
  "站上",
  "超过",
  "共计",
  "合计",
  "累计",
  "总计",
  "约为",
  "总数",
  "已达",
  "高达",
  "多达",
  "将近",
  "不少于",
  "不低于",
  "不足",
  "不到",
  "至少",
  "的有",
  "达",
  "共",
  "计",
  "为",
  "是",
  "有",
  "约",
  "近",
  "超",
  "逾",
  "的",
  "了",
  "已",
  "均",
  "由",
  "从",
  "等",
  "和",
  "及",
  "与",
];

/** Words that open a clause but are not what was counted: time, sequence, extent. */
export const LEADING_FILLERS = new Set([
  "截至",
  "截止",
  "近年来",
  "全年",
  "今年",
  "当年",
  "年内",
  "本年度",
  "目前",
  "同时",
  "其中",
  "此外",
  "另外",
  "并且",
  "并",
  "还",
  "也",
  "已经",
  "已",
  "共计",
  "合计",
  "累计",
  "总计",
  "共",
  "均",
  "都",
  "分别",
  "预计",
  "力争",
  "争取",
  "确保",
  "每年",
  "连续",
  "各",
  "以来",
  "年",
  "和",
  "及",
  "与",
  "以及",
  "或",
]);

/** Words of intent that bind the light verb after them: 计划完成投资 is a plan, not a result. */
export const MODALS = new Set(["计划", "拟", "预计", "预期", "力争", "争取"]);

/** Scope words name where, not what: 对全县100家住宿场所. */
export const SCOPE_WORDS = /^(?:(?:全|我|本)(?:县|区|市|镇|省|国|乡|州|旗|盟)|各级)$/;

/** Fillers that may sit inside a phrase and are dropped from it: 县政府行政复议案件已审理. */
export const INNER_FILLERS = new Set([
  "共",
  "已",
  "已经",
  "均",
  "各类",
  "各种",
  "各项",
  "各个",
  "共计",
  "累计",
  "都",
  "了",
]);

/**
 * Nouns too general to say what was counted alone (总投资, 金额, 合格率): they take the
 * quantity they belong to from the figure before them (重点项目总投资).
 */
export const GENERIC_NOUNS =
  /^(总?投资|完成投资|累计投资|总投入|投入|金额|涉及金额|资金|总额|面积|占地|产值|规模|数量|人数|总量|量|比例|比重|占比|增速|增幅|预算|[^率]{1,2}率)$/;

/** Negations keep their verb and stay in the label: 纠正不合法条款, 不受理. */
export const NEGATIONS = /^(不|未|非|无|不予)$/;

/**
 * Actions the genre counts by themselves (立案处理157件, 废止10件, 正式印发11件), some of
 * which jieba does not tag as verbs (立案/n, 印发/nz).
 */
export const STOCK_ACTIONS = new Set([
  "立案",
  "立案查处",
  "处理",
  "印发",
  "发布",
  "废止",
  "修改",
  "修订",
  "审理",
  "审结",
  "办结",
  "受理",
  "转送",
  "抽查",
  "撤销",
  "驳回",
  "维持",
  "调解",
  "纠正",
  "确认",
  "终止",
  "注销",
  "清理",
  "审查",
  "审核",
  "告知",
  "办理",
  "查处",
  "收缴",
  "免交",
  "报备",
  "备案",
]);

/** Heads so general that a report names them fully earlier in the sentence (证明事项 … 31个事项). */
export const BARE_HEADS = /^(事项|文件|项目|案件|企业|单位|问题|活动|场所|机构)$/;
