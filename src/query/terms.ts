/**
 * A word of a query as the ranking reads it: what is shown to the user, and the forms any
 * of which counts as a match in the report (a glossary term's synonyms and abbreviations).
 * Every form is normalised (see normalizeText).
 */
export interface Term {
  text: string;
  anyOf: readonly string[];
  /** How the thing is counted, when the glossary says (件, 人, 元…): a unit hint for "how many". */
  units?: readonly string[];
}

/** A term of one form: a word the user typed that no glossary entry knows. */
export function plainTerm(word: string): Term {
  return { text: word, anyOf: [word] };
}
