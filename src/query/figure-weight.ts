/**
 * How much a figure matters among the figures around it, so a summary, a section and a
 * chart lead with what a reader would quote: the largest counts of each unit, the figure an
 * item leads with (一是全年地区生产总值增长7%), a total before its parts (258件, 其中食品案件
 * 132件), a rate beside the count it rates (调解成功3265件, 成功率99%). Read from the
 * sentences by rule, for any report.
 */
import { unitScale } from "../report/figures.ts";
import type { Figure } from "../report/types.ts";
import { taggedWords } from "../text/segment.ts";

/** What a figure is to the figures around it. */
export interface FigureRole {
  /** For a part of a total (其中…, 调解成功3265件 after 调解纠纷3298件), that total. */
  partOf: Figure | null;
  /**
   * For a rate, the count it rates (成功率99% → 调解成功3265件); for a rank, the figure it
   * ranks (列全市第四 → 满意度86.41分; 增长7.2%，排名全市第一 → 增长7.2%).
   */
  countOf: Figure | null;
  /** Whether it stands in the lead clause of its item, the item's title. */
  lead: boolean;
  /** How many figures stand before it in its sentence. */
  position: number;
}

const CLAUSE_MARK = /[,，;；:：。！？!?]/;
/** Words before a number that say nothing of what is counted (共受理, 达, 为). */
const FILLER = /^(共|共计|计|累计|其中|达到|达|为|了|约|近|超)+|(共|共计|计|累计|达到|达|为|了|约|近|超)+$/g;
/** How many figures back a total, a rate's count or a share's whole is looked for. */
const LOOKBACK = 12;
/** How far back, in characters, a 其中 still opens the parts of a total. */
const QI_ZHONG_REACH = 200;
/** A rate whose clause says it is a share of something (占比54.32%): its count is a part of that thing. */
const SHARE = /^(占比|占|比例|比重|所占比例)/;

/** A count, not a rate, change, rank or per-unit ratio (4.5批次/千人). */
function isCount(f: Figure): boolean {
  return (f.kind === "amount" || f.kind === "target") && !f.unit.includes("/") && !isPercent(f.unit);
}

function isPercent(unit: string): boolean {
  return unit === "%" || unit === "‰" || unit === "个百分点";
}

/** A figure's place in its sentence: the clause before its number and the text after it up to the clause's end. */
interface Placed {
  figure: Figure;
  at: number;
  end: number;
  before: string;
  after: string;
}

/** The figures of one sentence with where each stands in it. */
function place(figures: readonly Figure[]): Placed[] {
  let from = 0;
  return figures.map((figure) => {
    const sentence = figure.sentence;
    const found = sentence.indexOf(figure.raw, from);
    const at = Math.max(0, found);
    const end = found >= 0 ? at + figure.raw.length : at;
    from = end;
    let start = at;
    while (start > 0 && !CLAUSE_MARK.test(sentence[start - 1] as string)) start--;
    let stop = end;
    while (stop < sentence.length && !CLAUSE_MARK.test(sentence[stop] as string)) stop++;
    return { figure, at, end, before: sentence.slice(start, at), after: sentence.slice(end, stop) };
  });
}

/**
 * A clause that only says what was done to an earlier count (调解各类纠纷3298件, 调解成功
 * 3265件): no noun of its own, and a word of that count's clause.
 */
function bareActionOn(before: string, earlier: string): boolean {
  const words = before.replace(/\s/g, "").replace(FILLER, "");
  if (words === "" || words.length > 6) return false;
  const tagged = taggedWords(words);
  if (tagged.some((w) => /^(n|vn|nr|ns|nt|nz|j|eng|x)/.test(w.tag))) return false;
  return tagged.some((w) => w.word.length >= 2 && earlier.includes(w.word));
}

/**
 * Each figure's role, in report order. A part: a count after 其中 with its total before it
 * in the sentence; a count that ends a clause saying only what was done to the count before
 * it (调解纠纷3298件, 调解成功3265件), or whose label holds that count's label (185件 …,
 * 立案处理劳动仲裁申请157件); a count given with its share (…的有742项, 占比54.32%), of the
 * larger count of its unit before it in the item (1366项). A rate's count: the count
 * nearest before it in its sentence.
 */
export function figureRoles(
  figures: readonly Figure[],
  titleOf: (nodeId: string) => string,
): Map<Figure, FigureRole> {
  const roles = new Map<Figure, FigureRole>();
  const bySentence = new Map<number, Figure[]>();
  for (const f of figures) {
    const list = bySentence.get(f.sentenceIndex);
    if (list) list.push(f);
    else bySentence.set(f.sentenceIndex, [f]);
  }
  const placedOf = new Map<Figure, Placed>();
  const positionOf = new Map<Figure, number>();
  for (const list of bySentence.values()) {
    for (const [n, p] of place(list).entries()) {
      placedOf.set(p.figure, p);
      positionOf.set(p.figure, n);
    }
  }

  for (const [i, f] of figures.entries()) {
    const here = placedOf.get(f);
    const lead = titleOf(f.nodeId).includes(f.raw);
    const sentenceFigures = bySentence.get(f.sentenceIndex) ?? [];
    const at = positionOf.get(f) ?? 0;
    if (!here) {
      roles.set(f, { partOf: null, countOf: null, lead, position: at });
      continue;
    }
    // A total, a count, stands near what it qualifies: the few figures before, nearest first.
    const before = sentenceFigures.slice(Math.max(0, at - LOOKBACK), at).reverse();
    let countOf: Figure | null = null;
    let partOf: Figure | null = null;
    if (f.kind === "rate") {
      countOf = before.find((g) => isCount(g) && rateOfCount(f, g)) ?? null;
    } else if (f.kind === "rank") {
      countOf = before.find((g) => g.kind !== "rank") ?? null;
    } else if (isCount(f)) {
      const sameUnit = (g: Figure) => isCount(g) && g.unit === f.unit && g.value >= f.value;
      const whole = (g: Figure | undefined) => (g && sameUnit(g) && roles.get(g)?.partOf === null ? g : null);
      const window = Math.max(0, here.at - QI_ZHONG_REACH);
      const qiZhong = f.sentence.slice(window, here.at).lastIndexOf("其中");
      if (qiZhong >= 0) {
        partOf = before.find((g) => (placedOf.get(g)?.end ?? 0) <= window + qiZhong && sameUnit(g)) ?? null;
      }
      if (!partOf && here.after.trim() === "") {
        partOf =
          [...before]
            .reverse()
            .find(
              (g) =>
                sameUnit(g) &&
                ((f.label !== g.label && f.label.includes(g.label)) ||
                  bareActionOn(here.before, placedOf.get(g)?.before ?? "")),
            ) ?? null;
      }
      const next = sentenceFigures[at + 1];
      const share = next?.kind === "rate" && SHARE.test((placedOf.get(next)?.before ?? "").trim());
      if (!partOf && share) {
        for (let j = i - 1; j >= Math.max(0, i - LOOKBACK) && !partOf; j--) {
          const g = figures[j];
          if (g?.nodeId !== f.nodeId) break;
          partOf = whole(g);
        }
      }
    }
    roles.set(f, { partOf, countOf, lead, position: at });
  }
  return roles;
}

/** The longest rate label that names no subject of its own: 办结率, 成功率, 完成比例. */
const BARE_RATE_LABEL = 4;

/**
 * Whether a rate is that of the count before it: its label names nothing (办结率100%), or
 * shares a word with the count's (调解成功3265件，成功率99%). 城市自来水和燃气普及率100% after
 * 建成13条主干道路 is a rate of its own.
 */
function rateOfCount(rate: Figure, count: Figure): boolean {
  // 办结率、满意率均达100%: a list of bare rates names nothing either.
  const rates = rate.label.replace(/(均|均达|分别|都)$/, "").split(/[、和及与]/);
  if (rates.every((r) => [...r].length <= BARE_RATE_LABEL)) return true;
  // Where a word is shared, it is more than the scope both are told in (城镇登记失业率 is no
  // rate of 城镇新增就业).
  const own = rate.label.replace(SCOPE, "");
  const other = count.label.replace(SCOPE, "");
  for (let i = 0; i + 2 <= own.length; i++) {
    if (other.includes(own.slice(i, i + 2))) return true;
  }
  return false;
}

/** The scope a label may open with: where, not what. */
const SCOPE = /^(?:城镇|农村|城乡|城市|乡村|城区|县域|全县|全区|全市|全省|全国|我县|我区|我市)+/;

/** What a figure weighs when it qualifies another one (增长7.5%) rather than stating an amount. */
const CHANGE_WEIGHT = 0.1;
/** A rate standing alone (出庭应诉率83.3%), a rank (全市第四): usually what a section is judged by. */
const RATE_WEIGHT = 0.9;
const RANK_WEIGHT = 0.8;
const RATIO_WEIGHT = 0.3;
const LEAD_BONUS = 0.5;
const TOTAL_BONUS = 0.15;
const PART_PENALTY = 0.4;
/** A sentence leads with its main figure: each later figure of the sentence weighs this much less, down to LATE_FLOOR. */
const LATER_IN_SENTENCE = 0.05;
const LATE_FLOOR = 0.6;
/** The least a figure weighs to head a section in a summary: a count of about ten of its kind or more. */
const HEADLINE_WEIGHT = 0.4;
/**
 * A count of 10,000 or more is as large as counts get for this measure; money, 100,000,000
 * 元 (a county's 1610.8万元 is large, a person's 24302元 is not).
 */
const FULL_MAGNITUDE_DIGITS = 4;
const FULL_MONEY_DIGITS = 8;

/** A value in its unit's base: 1.2万人次 → 12000, 1.4亿元 → 140000000. */
function baseValue(f: Figure): number {
  return f.value * unitScale(f.unit).factor;
}

/** The weights of figures among themselves (a section's, a topic's), and what each is to the others. */
export class FigureWeights {
  private roleMap: Map<Figure, FigureRole> | null = null;
  private rateMap: Map<Figure, Figure[]> | null = null;

  constructor(
    private readonly figures: readonly Figure[],
    private readonly titleOf: (nodeId: string) => string,
  ) {}

  /** Roles are read on first use: most report versions are asked only for figures by keyword. */
  role(f: Figure): FigureRole {
    this.roleMap ??= figureRoles(this.figures, this.titleOf);
    return this.roleMap.get(f) ?? { partOf: null, countOf: null, lead: false, position: 0 };
  }

  /** The figure a summary line of the section leads with, or null when none weighs enough (法学专家1名). */
  headline(set: readonly Figure[], sectionId: string): Figure | null {
    const weights = this.weigh(set, sectionId);
    let best: Figure | null = null;
    for (const f of set)
      if ((weights.get(f) ?? 0) > (best ? (weights.get(best) ?? 0) : HEADLINE_WEIGHT - 1e-9)) best = f;
    return best;
  }

  /** The rates and ranks of a figure (调解成功3265件 → 成功率99%; 86.41分 → 列全市第四). */
  ratesOf(count: Figure): Figure[] {
    if (!this.rateMap) {
      this.rateMap = new Map();
      for (const f of this.figures) {
        const of = this.role(f).countOf;
        if (of) this.rateMap.set(of, [...(this.rateMap.get(of) ?? []), f]);
      }
    }
    return this.rateMap.get(count) ?? [];
  }

  /**
   * Each figure's weight among `set`, about 0–1.5: its size within its unit there (on a log
   * scale) times how large a count it is at all, a sentence's first figures before its later
   * ones, a standalone rate high, a rate as its count, changes low; more for a total and for
   * a lead figure: one in its item's title, or, when `set` is a section's, in the opening
   * the section gives before its items (a work report's 预计全县生产总值完成122.4亿元…);
   * less for a part.
   */
  weigh(set: readonly Figure[], sectionId?: string): Map<Figure, number> {
    const largest = new Map<string, number>();
    for (const f of set) if (isCount(f)) largest.set(f.unit, Math.max(largest.get(f.unit) ?? 0, f.value));
    const inSet = new Set(set);
    const totals = new Set(
      set.map((f) => this.role(f).partOf).filter((t): t is Figure => t !== null && inSet.has(t)),
    );
    const weights = new Map<Figure, number>();
    const own = (f: Figure): number => {
      if (f.kind === "change") return CHANGE_WEIGHT;
      if (f.kind === "rank") return RANK_WEIGHT;
      if (f.unit.includes("/")) return RATIO_WEIGHT;
      if (!isCount(f)) return RATE_WEIGHT;
      const max = largest.get(f.unit) ?? f.value;
      const size = max > 0 ? Math.log1p(Math.max(0, f.value)) / Math.log1p(max) : 1;
      const digits = f.unit.endsWith("元") ? FULL_MONEY_DIGITS : FULL_MAGNITUDE_DIGITS;
      const magnitude = Math.min(1, Math.log10(1 + Math.max(0, baseValue(f))) / digits);
      const late = Math.max(LATE_FLOOR, 1 - LATER_IN_SENTENCE * this.role(f).position);
      let weight = size * magnitude * late;
      if (totals.has(f)) weight += TOTAL_BONUS;
      const total = this.role(f).partOf;
      if (total && inSet.has(total)) weight = Math.max(0.05 * weight, weight - PART_PENALTY);
      return weight;
    };
    const qualifies = (f: Figure) => f.kind === "rate" || f.kind === "rank";
    for (const f of set) if (!qualifies(f)) weights.set(f, own(f));
    for (const f of set) {
      if (!qualifies(f)) continue;
      const count = this.role(f).countOf;
      // A rate or a rank goes with what it qualifies, just after it.
      weights.set(f, count && weights.has(count) ? (weights.get(count) ?? 0) - 0.01 : own(f));
    }
    const hasItems = sectionId !== undefined && set.some((f) => f.nodeId.startsWith(`${sectionId}.`));
    const opening = (f: Figure) => hasItems && f.nodeId === sectionId;
    for (const f of set)
      if (this.role(f).lead || opening(f)) weights.set(f, (weights.get(f) ?? 0) + LEAD_BONUS);
    return weights;
  }

  /**
   * The `n` heaviest of `set`, in report order; a fact the report states twice (the same
   * label and value) counted once, the rest by report order on equal weight.
   */
  heaviest(set: readonly Figure[], n: number, sectionId?: string): Figure[] {
    const weights = this.weigh(set, sectionId);
    const seen = new Set<string>();
    const distinct = set.filter((f) => {
      const key = `${f.label}\u0000${f.raw}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return distinct
      .map((f, order) => ({ f, order, w: weights.get(f) ?? 0 }))
      .sort((a, b) => b.w - a.w || a.order - b.order)
      .slice(0, n)
      .sort((a, b) => a.f.offset - b.f.offset)
      .map(({ f }) => f);
  }
}
