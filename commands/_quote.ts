import type { Action } from "../src/answer/answer.ts";

/** How many items of an answer get a button for their whole sentence. */
const QUOTE_BUTTONS = 5;
/** How much of a sentence's start a button carries to find it again. */
const ANCHOR_LENGTH = 16;

/** Something shown in an answer whose whole sentence can be quoted. */
export interface Quotable {
  /** The section or item it sits in. */
  nodeId: string;
  /** The sentence it comes from. */
  sentenceIndex: number;
  /** Words that find that sentence in its section: a figure as written, or the sentence's start. */
  anchor: string;
}

/** The start of a sentence, enough to find it again in its section. */
export function sentenceAnchor(text: string): string {
  return text.replace(/\s/g, "").slice(0, ANCHOR_LENGTH);
}

/**
 * Buttons that give the whole sentence behind the first items shown, numbered as the answer
 * numbers them (原文 1; 原文 2·3 when two items come from one sentence): `/quote 1.7.3 1114件`.
 */
export function quoteActions(items: readonly Quotable[], startAt: number): Action[] {
  const bySentence = new Map<number, { numbers: number[]; command: string }>();
  for (const [i, item] of items.entries()) {
    const held = bySentence.get(item.sentenceIndex);
    if (held) held.numbers.push(startAt + i);
    else
      bySentence.set(item.sentenceIndex, {
        numbers: [startAt + i],
        command: `/quote ${item.nodeId} ${item.anchor}`,
      });
  }
  return [...bySentence.values()]
    .slice(0, QUOTE_BUTTONS)
    .map(({ numbers, command }) => ({ label: `原文 ${numbers.join("·")}`, command }));
}
