import type { Figure } from "../report/types.ts";
import { normalizeText } from "../text/normalize.ts";
import { searchWords } from "../text/segment.ts";
import type { Term } from "./terms.ts";
import { type UnitHint, unitMatches } from "./units.ts";

/** A figure that matched a query, with its score (higher is better). */
export interface FigureMatch {
  figure: Figure;
  score: number;
  /** For each term of the query, whether one of its forms was found for this figure. */
  found: readonly boolean[];
  /** For each term, whether its head word stands in the figure's clause instead (规范性文件 → 等文件82件). */
  partly: readonly boolean[];
}

/** Where a figure sits, as the ranking reads it: the titles above it and its section's text (normalised). */
export interface FigurePlace {
  itemTitle: string;
  sectionTitle: string;
  /** The whole text of the figure's section, its items included. */
  sectionText: string;
}

/** What to rank figures by. */
export interface FigureQuery {
  terms: readonly Term[];
  /** Figures in these units come first (多少件 → 件). */
  unit?: UnitHint | null;
  /** Changes (比去年增加10项) and rates come first: the question asks how much something changed. */
  wantsChange?: boolean;
  /** Ranks (列全市第四) come first: the question asks for a place in a ranking. */
  wantsRank?: boolean;
  /** Targets (增长7.5%以上, in the plan) come first: the question asks what is aimed at. */
  wantsTarget?: boolean;
  /** Targets go after what was done: the question does not look ahead (地区生产总值是多少). */
  targetsLast?: boolean;
  /**
   * "all": only figures matching every term (a command's keywords). "any": every figure
   * whose sentence says at least one term (a question's words, some of which the report may
   * say otherwise).
   */
  mode: "all" | "any";
}

/** A figure's own text, from the clause down to its section, folded for matching. */
interface IndexedFigure {
  figure: Figure;
  order: number;
  /** The text between the punctuation around the number, 、 included (增殖放流鲢、鳙等品种4万余尾 → 鳙等品种4万余尾). */
  near: Span;
  /** The same between , ; : and sentence ends only (增殖放流鲢、鳙等品种4万余尾). */
  clause: Span;
  label: string;
  sentence: string;
  itemTitle: string;
  sectionTitle: string;
  sectionText: string;
  /** Whether it is where a quantity started from: 从2015年的87.55亿元增长到118.32亿元. */
  startsFrom: boolean;
}

/** A piece of text and where the number sits in it, to measure how close a word is. */
interface Span {
  text: string;
  numberAt: number;
  numberEnd: number;
}

// What a term found in each place is worth, the clause most: 罚没收入21.257万元 is about
// 罚没 where 执法人员16870人次 only shares its sentence.
const LEVEL = { near: 1, clause: 0.8, sentence: 0.6, item: 0.4, section: 0.3 } as const;
/** Up to this much more for a word right next to the number than for one across its clause. */
const CLOSENESS = 0.15;
const CLOSENESS_REACH = 16;
/** The share a compound's head word earns when the compound itself is not there (规范性文件 → 文件). */
const HEAD_SHARE = 0.4;
/** A figure in the unit asked for goes first when it scores at least this share of the best. */
const PREFERRED_SHARE = 0.5;
/** A label that names a measure and not what it measures: 总产, 年产量, 总额. */
const MEASURE_ONLY = /^(?:全年|年|总)?(?:产量|总产|产值|总量|总额)$/;
/** Terms beyond these (a command's thirty-second keyword) are left out of the bit masks. */
const MAX_TERM_BITS = 31;

const CLAUSE_END = /[,，;；:：。！!？?]/;
/** 由/从 before the number and 到/至 after it, in its clause: the number is where a quantity started from. */
const FROM_BEFORE = /[由从][^到至]*$/;
const TO_AFTER = /^[^到至]{0,8}(?:到|至)/;
const NEAR_END = /[,，;；:：。！!？?、]/;
/**
 * What may stand between a clause's start and its number when the number only qualifies the
 * clause before (占比54.32%, 增长7.4%, 比去年增加10项): that clause is its subject too.
 */
const LINK_ONLY =
  /^(其中|同比|比上年|比去年|较上年|较去年|比上一年)?(占比|占|比例|比重|比率|增长|增加|下降|减少|提高|上升|降低|增幅|增速)?(为|达|达到|了|约|近|超|超过)*$/;

function spanAround(sentence: string, start: number, end: number, ends: RegExp): Span {
  let from = start;
  while (from > 0 && !ends.test(sentence[from - 1] as string)) from--;
  if (LINK_ONLY.test(sentence.slice(from, start).replace(/\s/g, "")) && from > 0) {
    from--;
    while (from > 0 && !ends.test(sentence[from - 1] as string)) from--;
  }
  let to = end;
  while (to < sentence.length && !ends.test(sentence[to] as string)) to++;
  const before = normalizeText(sentence.slice(from, start));
  const number = normalizeText(sentence.slice(start, end));
  return {
    text: normalizeText(sentence.slice(from, to)),
    numberAt: before.length,
    numberEnd: before.length + number.length,
  };
}

/** How close a word at `at` is to the number: 1 right beside it, 0 from CLOSENESS_REACH on. */
function closeness(span: Span, form: string): number {
  let best = 0;
  for (let at = span.text.indexOf(form); at >= 0; at = span.text.indexOf(form, at + 1)) {
    const end = at + form.length;
    const gap = end <= span.numberAt ? span.numberAt - end : at >= span.numberEnd ? at - span.numberEnd : 0;
    best = Math.max(best, 1 - Math.min(gap, CLOSENESS_REACH) / CLOSENESS_REACH);
  }
  return best;
}

/** How well one form matches a figure, by where it is found. */
function placeScore(f: IndexedFigure, form: string): number {
  if (f.near.text.includes(form)) return LEVEL.near + CLOSENESS * closeness(f.near, form);
  if (f.clause.text.includes(form)) return LEVEL.clause + CLOSENESS * closeness(f.clause, form);
  if (f.label.includes(form)) return LEVEL.clause;
  if (f.sentence.includes(form)) return LEVEL.sentence;
  if (f.itemTitle.includes(form)) return LEVEL.item;
  if (f.sectionTitle.includes(form)) return LEVEL.section;
  return 0;
}

/**
 * How a label may state its quantity after naming it: 增长, 预计, 同比增长, 实际完成. Unlike
 * an indicator's (src/report/indicators.ts), a growth over years (年均, 累计) still counts it.
 */
const STATING =
  /^(?:预计|初步|实际|同比|可比|同口径|年均|累计|增长|增速|增幅|下降|提高|增加|减少|以上|完成|达到|实现)*$/;

/** Whether a label names a word as what it counts, followed only by how it states it. */
function endsOn(label: string, form: string): boolean {
  const at = label.lastIndexOf(form);
  return at >= 0 && STATING.test(label.slice(at + form.length));
}

/** What may stand right before a bare head word: nothing, punctuation, a list's end, a particle. */
const BEFORE_BARE_HEAD = /(^|[^\p{Script=Han}]|[等的了类种共计和及与])$/u;

/** Whether a word stands in a text at least once without another word glued before it. */
function standsBare(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (BEFORE_BARE_HEAD.test(text.slice(Math.max(0, at - 1), at))) return true;
  }
  return false;
}

/** The head word of a compound (规范性文件 → 文件, 法律援助案件 → 案件), or null. */
const heads = new Map<string, string | null>();
function headOf(text: string): string | null {
  let head = heads.get(text);
  if (head === undefined) {
    const parts = [...text].length >= 4 ? searchWords(text).filter((w) => w.length >= 2 && w !== text) : [];
    head = parts.filter((w) => text.endsWith(w)).sort((a, b) => b.length - a.length)[0] ?? null;
    if (heads.size > 10_000) heads.clear();
    heads.set(text, head);
  }
  return head;
}

/**
 * Ranks one report's figures against words: first by how well the words match the figure's
 * own clause, then its sentence, then the item and section it sits in; each word weighted by
 * how rare it is in the report (BM25's idf over sentences), a word next to the number a
 * little more; then the unit asked for.
 */
export class FigureRanking {
  private readonly indexed: IndexedFigure[];

  /**
   * `placeOf` gives each figure's normalised titles; `weightOf` a term's weight (its rarity
   * in the report).
   */
  constructor(
    figures: readonly Figure[],
    placeOf: (figure: Figure) => FigurePlace,
    private readonly weightOf: (term: Term) => number,
  ) {
    // Each figure's number, found in its sentence after the ones before it.
    const searchFrom = new Map<number, number>();
    // Each sentence folded once, however many figures it holds (a long one may hold thousands).
    const folded = new Map<number, string>();
    const foldedSentence = (figure: Figure) => {
      let text = folded.get(figure.sentenceIndex);
      if (text === undefined) {
        text = normalizeText(figure.sentence);
        folded.set(figure.sentenceIndex, text);
      }
      return text;
    };
    this.indexed = figures.map((figure, order) => {
      const from = searchFrom.get(figure.sentenceIndex) ?? 0;
      const found = figure.sentence.indexOf(figure.raw, from);
      const start = Math.max(found, 0);
      const end = found >= 0 ? start + figure.raw.length : 0;
      searchFrom.set(figure.sentenceIndex, end);
      const place = placeOf(figure);
      const clause = spanAround(figure.sentence, start, end, CLAUSE_END);
      return {
        figure,
        order,
        near: spanAround(figure.sentence, start, end, NEAR_END),
        clause,
        label: normalizeText(figure.label),
        sentence: foldedSentence(figure),
        itemTitle: place.itemTitle,
        sectionTitle: place.sectionTitle,
        sectionText: place.sectionText,
        startsFrom:
          FROM_BEFORE.test(clause.text.slice(0, clause.numberAt)) &&
          TO_AFTER.test(clause.text.slice(clause.numberEnd)),
      };
    });
  }

  /** Figures for a query, best first; ties in report order. */
  rank(query: FigureQuery): FigureMatch[] {
    const weights = query.terms.map((t) => this.weightOf(t));
    // Whether a figure's section says a term, once per section and term (sections are long).
    const said = new Map<string, boolean>();
    const saysInSection = (i: number, f: IndexedFigure) => {
      const key = `${i} ${f.figure.sectionId}`;
      let says = said.get(key);
      if (says === undefined) {
        says = query.terms[i]?.anyOf.some((form) => f.sectionText.includes(form)) ?? false;
        said.set(key, says);
      }
      return says;
    };
    type Scored = FigureMatch & { order: number; startsFrom: boolean; saidNear: number; namesHead: boolean };
    const scored: Scored[] = [];
    for (const f of this.indexed) {
      let score = 0;
      // Whether the figure's own sentence is about one of the words (not only its section).
      let relevant = false;
      const found: boolean[] = [];
      const partly: boolean[] = [];
      // The terms said in the figure's clause or label, one bit each.
      let saidNear = 0;
      // Whether its label ends on one of the terms, but for how it states it (生产总值增长, not 生产总值综合能耗).
      let namesHead = false;
      for (const [i, term] of query.terms.entries()) {
        let level = 0;
        for (const form of term.anyOf) level = Math.max(level, placeScore(f, form));
        // A compound's head word, standing bare in the clause, stands for the compound where
        // the section speaks of it: 等文件82件 under the review of 规范性文件. A head with its
        // own modifier names something else (公证案件 is no 法律援助案件).
        const head = level === 0 ? headOf(term.text) : null;
        const headLevel =
          head && standsBare(f.clause.text, head) && saysInSection(i, f) ? placeScore(f, head) : 0;
        found.push(level > 0);
        if (level >= LEVEL.clause && i < MAX_TERM_BITS) saidNear |= 1 << i;
        if (level > 0) namesHead ||= term.anyOf.some((form) => endsOn(f.label, form));
        partly.push(headLevel >= LEVEL.clause);
        if (level >= LEVEL.sentence || headLevel >= LEVEL.clause) relevant = true;
        score += (weights[i] ?? 0) * (level > 0 ? level : HEAD_SHARE * headLevel);
      }
      const kept = query.mode === "all" ? found.length > 0 && found.every(Boolean) : relevant;
      if (kept)
        scored.push({
          figure: f.figure,
          score,
          found,
          partly,
          order: f.order,
          startsFrom: f.startsFrom,
          saidNear,
          namesHead,
        });
    }
    // The unit asked for, a change, a rank and a target decide among figures that match well,
    // not over them: that say one of the words in their own clause, not only in their sentence
    // (地区生产总值是多少 is not answered by the 7.8亿元 of 一般公共预算收入 beside its growth),
    // unless they name only a measure of what the sentence speaks of (粮食…，总产49.9万吨).
    const top = Math.max(0, ...scored.map((m) => m.score));
    const matchesWell = (m: Scored) =>
      m.score >= PREFERRED_SHARE * top && (m.saidNear !== 0 || MEASURE_ONLY.test(m.figure.label));
    // What a quantity got to comes before where it started from (the next figure of the
    // sentence: 从56.1亿元增长到77.2亿元). What was done comes before a target when the
    // question does not look ahead: a figure that is no target comes first when its label
    // counts one of the words and its clause says every word a target's says there
    // (单位生产总值综合能耗 counts no 生产总值; 城镇登记失业率 says no 城乡居民人均可支配收入).
    const gotTo = new Set(
      scored
        .filter((m) => m.startsFrom && matchesWell(m))
        .map((m) => m.order + 1)
        .filter(
          (next) => this.indexed[next]?.figure.sentenceIndex === this.indexed[next - 1]?.figure.sentenceIndex,
        ),
    );
    const isTarget = (m: Scored) => m.figure.kind === "target";
    const saidByTargets = new Set(
      query.targetsLast
        ? scored.filter((m) => matchesWell(m) && isTarget(m) && m.saidNear !== 0).map((m) => m.saidNear)
        : [],
    );
    const firstHand = (m: Scored) =>
      gotTo.has(m.order) ||
      (!isTarget(m) &&
        !m.startsFrom &&
        m.namesHead &&
        [...saidByTargets].some((said) => (m.saidNear & said) === said));
    const preferred = (m: Scored) =>
      !matchesWell(m)
        ? 0
        : (query.unit && unitMatches(query.unit, m.figure.unit) ? 2 : 0) +
          (query.wantsChange && m.figure.change !== null ? 1 : 0) +
          (query.wantsRank && m.figure.kind === "rank" ? 2 : 0) +
          (query.wantsTarget && m.figure.kind === "target" ? 2 : 0) +
          (firstHand(m) ? 0.5 : 0);
    const ranked = scored.map((m) => ({ m, preference: preferred(m) }));
    return ranked
      .sort((a, b) => b.preference - a.preference || b.m.score - a.m.score || a.m.order - b.m.order)
      .map(({ m: { figure, score, found, partly } }) => ({ figure, score, found, partly }));
  }
}
