/**
 * How people ask, as opposed to what they ask about: the words that say a question wants a
 * number, the plan, the problems, a section, the outline or facts about the report, and the
 * words that carry nothing (多少, 的, 吗, please). This is the grammar of questions, the same
 * for every report; what reports count lives in data/glossary.tsv.
 */

/** What a question asks for. */
export type Intent =
  | "figures"
  | "plan"
  | "problems"
  | "section"
  | "outline"
  | "report-info"
  | "compare"
  | "unknown";

/** A question that compares: 比较, 对比, 和去年比, 哪个多, versus. */
export const COMPARE_CUE =
  /比较|对比|相比|比起|(和|跟|与|同)[^,，。?？]{1,12}比|哪个(多|高|大|少|低)|\bcompare[ds]?\b|\bcomparison\b|\bversus\b|\bvs\b/;

/** A question about the plan: 明年有什么安排, 下一步打算, what are the plans. */
const PLAN_CUE =
  /安排|计划|打算|部署|明年|下一?步|下一年|来年|今后|未来|接下来|将要|准备(做|干|搞)|要做(什么|哪些|啥)|目标任务|(预期|主要|发展)目标|目标(是什么|有哪些)|\btargets?\b|\bgoals?\b|\bplans?\b|\bplanned\b|\bnext year\b|\bgoing to\b|\bwill (do|be)\b|\barrangements?\b|\bnext steps?\b|\bfuture\b/;

/**
 * Cues of each intent in a folded question (lower case, half-width, simplified). Checked in
 * this order: a question about when the report came out may say 什么时候, one about the
 * plan's numbers says 多少 and is about figures, and so is one about a 目录 the report counts
 * (这份报告分几个部分 counts only the outline's own words, and is read as the outline).
 */
export const INTENT_CUES: readonly (readonly [Exclude<Intent, "unknown">, RegExp])[] = [
  [
    "report-info",
    /(哪|什么)一?(天|时候|日子|日期|年份?|月份?)(发布|公布|印发|发的|出的|出台|写的|公开)|(发布|公布|印发)(时间|日期|单位|机关|部门|方|者)|(谁|哪个(部门|单位|机关))(发布|公布|印发|写|做|出|发)的?|什么报告|哪一?(份|个|篇)报告|报告的?(名称|标题|题目|全称|名字|来源)|when (was|is) (it|this|the report) (published|released|issued|out)|\bpublished\b|\bwho (published|issued|wrote|released|made)\b|\b(which|what) report\b|\btitle of\b/,
  ],
  [
    "figures",
    /多少|几(个|件|项|起|次|人|名|位|家|条|份|场|批|宗|所|处|篇|类|台|辆|户|万|千|百|亿|成|尾|头)|数量|数目|总数|总量|数字|数据|统计|比例|占比|比重|百分之|百分比|金额|多大|增幅|增速|\p{Script=Han}率|how (many|much)|\bnumber of\b|\bpercent(age)?\b|\bproportion\b|\bshare\b|\brate\b|\bratio\b|\bamount\b|\bfigures?\b|\bstatistics\b/u,
  ],
  [
    "outline",
    /目录|大纲|提纲|框架|结构|(分|有|包括|包含)(哪|几)(个|些)?(部分|章|大块)|几个部分|哪几部分|章节|table of contents|\boutline\b|\bcontents\b|\bstructure\b|\bwhat (are )?(the )?(sections|parts|chapters)\b|\b(sections|parts|chapters) (does|do|of|in)\b/,
  ],
  [
    "problems",
    /问题|不足|短板|差距|困难|挑战|薄弱|弱项|欠缺|瓶颈|难点|不到位|有待(提高|加强|改进)|(做|干)得?不(好|够)|不理想|需要改进|\bproblems?\b|\bshortcomings?\b|\bweakness(es)?\b|\bissues?\b|\bchallenges?\b|\bdifficult(y|ies)\b|\bgaps?\b/,
  ],
  ["plan", PLAN_CUE],
  ["compare", COMPARE_CUE],
  [
    "section",
    /讲(了|的)?(什么|啥|些什么|哪些)|说(了|的)?(什么|啥)|写(了|的)?(什么|啥)|说说|谈谈|讲讲|聊聊|(做|干|搞)(了|得|的)?(什么|啥|哪些|怎么样|怎样|如何)|怎么样|怎样|如何|情况|进展|成效|成绩|举措|措施|亮点|主要内容|(有|包括|包含)(哪些|什么|啥)内容|内容(是什么|有哪些)|主要讲|介绍|概况|\bwhat about\b|\btell me about\b|\bhow (is|was|are|were|did|does)\b|\bprogress\b|\bachievements?\b|\bmeasures\b|\bsummar(y|ize|ise)\b|\boverview\b|\bdone\b/,
  ],
];

/**
 * Another year or place than the report's own, in a question that compares (COMPARE_CUE):
 * one report cannot answer it, /compare can (across.ts).
 */
export const ACROSS_CUE =
  /去年|上年|上一年|往年|前年|历年|以前|其他|别的|别处|兄弟|周边|全市|全省|全国|\d{4}年|\blast year\b|\bprevious\b|\bother\b|\b(19|20)\d\d\b/;

/** A question that asks how a figure changed: 比去年增加了多少, 增长了多少, how much did it grow. */
export const CHANGE_CUE =
  /比(去年|上年|上一年|前一年)|同比|环比|(增加|增长|减少|下降|提高|降低)了?多少|增幅|增速|\bgrow(th|n)?\b|\bincrease[ds]?\b|\bdecrease[ds]?\b|\brise\b|\brose\b|\bfell\b|\bdecline[ds]?\b|\bthan last year\b|\byear on year\b/;

/** A question that asks what was done or achieved: 取得了哪些成绩, 做了什么, what was achieved. */
export const DONE_CUE =
  /取得|做了|做过|干了|搞了|开展了|完成了|成绩|成效|成果|\bachieve(d|ments?)?\b|\baccomplish(ed|ments?)?\b|\bwhat (was|has been|have been) done\b|\bdid\b/;

/**
 * A question that asks how long something took or takes: 缩短到多少天, 几个工作日办结, 要多久.
 * A duration is no figure (report/figures.ts); the sentences that say it answer it.
 */
export const DURATION_CUE =
  /(多少|几)个?(天(?!数)|小时|工作日|个月|周(?!年)|星期)|多久|多长时间|多少时间|\bhow long\b|\bhow many (days|hours|months|weeks)\b/;

/** A question that asks whether something was done: 有没有开展法律进校园活动, did they hold lectures. */
export const WHETHER_CUE =
  /有没有|有无|是否|是不是|有木有|\bdid (it|they|the|we|you)\b|\b(is|are|was|were) there\b|\bhas (it|the)\b|\bhave (they|we)\b/;

/** A question that asks for a target: 明年粮食产量目标, 预期增长多少, what is the goal. */
export const TARGET_CUE = /目标|预期|力争|要达到|\btargets?\b|\bgoals?\b/;

/**
 * The words of TARGET_CUE that say a target is wanted, not what it is of: whatever the
 * intent, they are no content words (今年粮食产量目标 asks for 粮食产量, the plan's target
 * first; the target's own sentence need not say 目标).
 */
export const TARGET_WORDS: ReadonlySet<string> = new Set(["目标", "预期", "力争", "预期目标"]);

/**
 * A question about the year ahead, where a report's figures are its plan's targets: the
 * plan's cues, a target's, or the report's own year (今年, this year).
 */
export function looksAhead(text: string): boolean {
  return PLAN_CUE.test(text) || TARGET_CUE.test(text) || /今年|本年|\bthis year\b/.test(text);
}

/**
 * A question that asks for a share: 比例, 率, 占比, what share; growth is a rate too (增长了多少,
 * 增长目标: 增长7.4%), where an increase (增加了多少) counts things.
 */
export const SHARE_CUE =
  /比例|占比|比重|百分之|百分比|百分点|几成|\p{Script=Han}率|增幅|增速|增长|下降|提高|降低|\bpercent(age)?\b|\bproportion\b|\bshare\b|\brate\b|\bratio\b|\bgrow(th|n)?\b/u;

/** A question that asks for a place in a ranking: 排第几, 排名, 名列第几, what rank. */
export const RANK_CUE = /排名|排第|排在第|第几名|第几位|名列|位列|位居|名次|\brank(ed|ing|s)?\b/;

/** A question that asks for money: 多少钱, 资金, how much money. */
export const MONEY_CUE =
  /多少钱|多少资金|多少经费|金额|花了多少|投入了?多少|\bhow much (money|funding|funds)\b|\byuan\b|\brmb\b|\bspen[dt]\b|\bcost\b/;

/** A question that asks how many people: how many people, 多少人 (the unit pattern reads the Chinese). */
export const PEOPLE_CUE = /\bhow many (people|persons|person|staff|residents|individuals)\b/;

/** Words that carry nothing about the report, whatever is asked. */
export const EMPTY_WORDS: ReadonlySet<string> = new Set(
  `多少 几 几个 多 少 什么 啥 哪 哪些 哪个 哪里 哪儿 哪样 怎么 怎样 怎么样 如何 为何 为什么 是否 是不是 有没有 有无 能否 有何 何
  吗 呢 吧 啊 呀 嘛 么 哦 哈 的 了 得 地 着 过 之 所 是 有 在 为 做 干 搞 弄 进行 等 等等 及 和 与 或 或者 跟 同 以及 并
  我 你 您 他 她 它 我们 你们 他们 咱们 大家 这 那 这个 那个 这些 那些 这份 那份 这是 那是 就是 本 该 其 其中 此 自己
  还有 仍 仍然 依然 还是 地方
  请 请问 麻烦 谢谢 告诉 知道 想 想要 想问 问 问问 问一下 一下 查 查查 查一下 看 看看 看一下 帮 帮我 能 能不能 可以 可否 会 要 应该 需要
  说 讲 提到 提及 提 介绍 说明 关于 对于 有关 相关 方面 情况 工作 内容 报告 文中 里 中 上 下 里面 当中
  你好 您好 多谢 再见 早上好 晚上好 在吗 哈喽
  一共 总共 共 共计 合计 总计 累计 大概 大约 约 左右 具体 主要 都 也 还 又 就 才 已经 已 曾 到底 究竟 全部 所有 各 各个 各类 各项 各种 每
  今年 去年 当年 全年 年内 年度 本年 本年度 目前 现在 今天 明天 昨天 最近 近年 近年来 一年 年 月 日 天 期间 时候 时间
  全县 我县 本县 县里 全区 我区 本区 全市 我市 本市 全镇 全省 全国 县 区 市 镇 省 当地
  数量 数目 总数 总量 数字 数据 统计 比例 占比 比重 百分比 百分之 金额 多大 一些 哪方面 东西 事 事情 啥事`
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/**
 * English words that only say which answer is wanted, per intent: left out of the words once
 * the intent is known (issues asks for the problems, not for what was 出具 issued), and
 * never reported as words the glossary lacks.
 */
export const ENGLISH_INTENT_WORDS: Readonly<Record<Intent, ReadonlySet<string>>> = {
  figures: new Set(
    "share percentage percent proportion rate ratio growth grow grew increase increased decrease decreased rise rose fall fell decline declined rank ranked ranking ranks".split(
      " ",
    ),
  ),
  plan: new Set(
    "plan plans planned planning arrangement arrangements target targets goal goals next step steps future going".split(
      " ",
    ),
  ),
  problems: new Set(
    "problem problems shortcoming shortcomings weakness weaknesses issue issues challenge challenges difficulty difficulties gap gaps remain remaining".split(
      " ",
    ),
  ),
  section: new Set(
    "progress achievement achievements measure measures summary summarize overview done doing about like".split(
      " ",
    ),
  ),
  outline: new Set(
    "outline contents content structure section sections part parts chapter chapters".split(" "),
  ),
  "report-info": new Set("published publish release released issued issue wrote written title".split(" ")),
  compare: new Set("compare compared comparison versus vs".split(" ")),
  unknown: new Set(),
};

/** Words that only say which list or view is wanted, left out of its words once the intent is known. */
export const INTENT_WORDS: Readonly<Record<Intent, ReadonlySet<string>>> = {
  figures: new Set(["率", "多", "达到", "达", "有"]),
  plan: new Set(
    "安排 工作安排 计划 工作计划 打算 部署 明年 下一步 下步 下一年 来年 今后 未来 接下来 将要 将 准备 目标任务 目标 预期 主要 重点 任务".split(
      " ",
    ),
  ),
  problems: new Set("问题 不足 短板 差距 困难 挑战 薄弱 弱项 欠缺 瓶颈 难点 存在 不到位 有待".split(" ")),
  section: new Set(
    "讲 说 写 做 干 怎么样 怎样 如何 情况 进展 成效 成绩 举措 措施 亮点 主要内容 介绍 概况 方面 开展 取得".split(
      " ",
    ),
  ),
  outline: new Set("目录 大纲 提纲 框架 结构 部分 章节 章 包括 包含 分".split(" ")),
  "report-info": new Set(
    "发布 公布 印发 出台 公开 发 时间 日期 单位 机关 部门 谁 名称 标题 题目 全称 名字 来源 哪天 出".split(
      " ",
    ),
  ),
  compare: new Set("比较 对比 相比 比起 比 哪个 更 高 低 大".split(" ")),
  unknown: new Set(),
};
