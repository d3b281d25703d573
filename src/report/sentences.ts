import { matchesOf } from "./matches.ts";

const SENTENCE = /[^。！？!?；;\n]+[。！？!?；;]*/g;

/** A sentence with where it starts in the text it was cut from. */
export interface SentenceSpan {
  text: string;
  start: number;
}

/**
 * Cuts text into sentences at 。！？ and at ；, since these reports chain whole statements
 * with semicolons. The delimiter stays with its sentence; newlines also end a sentence.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const m of matchesOf(SENTENCE, text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    // Not punctuation alone.
    if (/[^。！？!?；;]/.test(body)) spans.push({ text: body, start: m.index + lead });
  }
  return spans;
}
