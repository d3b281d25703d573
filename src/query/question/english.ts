import { stemmer } from "stemmer";

/** One English word of a question: where it is, and its stem for matching (cases → case). */
export interface EnglishWord {
  word: string;
  stem: string;
  start: number;
  end: number;
}

/** The English words of a (lower-cased) text, numbers and pm2.5 included; lone letters (people's s) left out. */
export function englishWords(text: string): EnglishWord[] {
  const found: EnglishWord[] = [];
  for (const m of text.matchAll(/[a-z0-9]+(?:\.[0-9]+)?/g)) {
    const word = m[0];
    if (word.length < 2 && !/\d/.test(word)) continue;
    found.push({ word, stem: stemOf(word), start: m.index, end: m.index + word.length });
  }
  return found;
}

/** The stem an English word is matched by; numbers and mixed forms (pm2.5) stay as they are. */
function stemOf(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/**
 * English words that carry no content in a question about a report: question words,
 * auxiliaries, articles, prepositions, and words for the report and the act of asking
 * (what's is read as "what" and a lone "s", which is dropped).
 */
export const ENGLISH_EMPTY: ReadonlySet<string> = new Set(
  `a about across after again all also am an and any are as at be been being by can could county
  did district do does done during each every for from get give got had has have how i in into is
  it its just last let list many may me might more most much my next no not now of on or our out
  over please report reports say said see shall should show so some tell than that the their them
  then there these they this those through to total under up us was we were what when where which
  who whom whose why will with would year years you your city town government gov
  number numbers amount figure figures count data statistics stat stats know want find look info
  information whats work main key situation hello hi hey thanks thank
  good morning mention mentions mentioned cover covers covered talk talks talked
  create created creates achieve achieved achievements accomplish accomplished`
    .split(/\s+/)
    .filter((w) => w !== "")
    .map(stemOf),
);
