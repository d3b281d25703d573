import type { ClauseReading } from "./label-clause.ts";
import type { Token } from "./label-tokens.ts";

/** The data of labelling: what a figure's label is, and what it is chosen from. */

export interface LabelContext {
  sentence: string;
  /** Where the figure's number starts and its unit ends in the sentence. */
  start: number;
  end: number;
  /** Whether the unit is a counter (个, 家, 次…) that can stand before its noun. */
  counterUnit: boolean;
  /** The unit as written (次, 批次, 万元). */
  unit: string;
  /** The labels of the figures before this one in the sentence, in order. */
  previous: readonly Label[];
}

/** A figure's label, and what the figures after it in the sentence may borrow from it. */
export interface Label {
  text: string;
  /** What was counted, without its verb: the topic a later figure may borrow (文件, 劳动仲裁申请). */
  noun: string;
  /** Read after the number (8次规范性文件清理): the words before it belong to no figure. */
  fromAfter: boolean;
  /** Counter first, run into the next figure (64个工程项目农民工工资保证金2180.99万元): 工程项目. */
  counted: string | null;
  /** The verb that governs a counter-first phrase (收缴), which the next figure shares. */
  verb: string | null;
  /** An attribute of the figure before (涉及农民工1760人): not a topic for later figures. */
  aside: boolean;
  /** The whole a part belongs to (出庭46宗（其中正职25宗）): its label. */
  whole: string | null;
  /** A 分别 run: the quantities it maps to, this figure's place in it, and the change verb. */
  run: { nouns: string[]; index: number; change: string } | null;
  /** Where the figure ends in the sentence. */
  end: number;
}

/** What the labelling of one figure has read so far. */
export interface Reading {
  ctx: LabelContext;
  masked: string;
  /** Where the figure's clause starts in the sentence. */
  from: number;
  clause: ClauseReading;
  phrase: Token[];
  said: string;
  prev: Label | undefined;
  adjoinsPrevious: boolean;
}

/** A label as chosen, before it is clipped and placed. */
export type Made = Omit<Label, "end">;

/** A label with nothing to hand on to the figures after it but its noun. */
export const label = (text: string, noun: string, extra: Partial<Label> = {}): Made => ({
  text,
  noun,
  fromAfter: false,
  counted: null,
  verb: null,
  aside: false,
  whole: null,
  run: null,
  ...extra,
});
