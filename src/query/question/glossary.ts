import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../project.ts";
import { normalizeText } from "../../text/normalize.ts";
import type { Term } from "../terms.ts";
import { ENGLISH_EMPTY, englishWords } from "./english.ts";

/** One line of data/glossary.tsv. */
export interface GlossaryEntry {
  /** The report's own wording. */
  zh: string;
  en: readonly string[];
  abbreviations: readonly string[];
  synonyms: readonly string[];
  /** How the thing is counted (件, 人, 元…), for "how many" questions. */
  units: readonly string[];
}

/** Where a glossary term was found in a question: character offsets of the text. */
export interface GlossaryHit {
  start: number;
  end: number;
  term: Term;
}

export const GLOSSARY_FILE = join(PROJECT_ROOT, "data", "glossary.tsv");

const HAN = /\p{Script=Han}/u;
/** The shortest word whose kinds a question may be read as (see Glossary.kindsOf). */
const MIN_KIND_OF = 3;

function column(value: string | undefined): string[] {
  return (value ?? "")
    .split("|")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Reads the glossary's text: tab-separated, a header line, # comments. */
export function parseGlossary(text: string): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("zh\t")) continue;
    const [zh, en, abbreviations, synonyms, units] = line.split("\t");
    if (!zh?.trim()) continue;
    entries.push({
      zh: zh.trim(),
      en: column(en).map((e) => e.toLowerCase()),
      abbreviations: column(abbreviations),
      synonyms: column(synonyms),
      units: column(units),
    });
  }
  return entries;
}

/** A term that matches any form of the entries (several when an English word names several). */
function termOf(entries: readonly GlossaryEntry[]): Term {
  const first = entries[0];
  if (!first) throw new Error("a glossary term needs an entry");
  const forms = entries.flatMap((e) => [e.zh, ...e.synonyms, ...e.abbreviations]).map(normalizeText);
  const units = [...new Set(entries.flatMap((e) => e.units))];
  return { text: normalizeText(first.zh), anyOf: [...new Set(forms)], ...(units.length ? { units } : {}) };
}

/**
 * The words people use for what reports count, and the report's own words for them: 法援 is
 * 法律援助, 拖欠工资 is 欠薪, "legal aid" is 法律援助. Chinese forms are found by longest match,
 * English names word by word with plurals and tenses folded (applications → application).
 */
export class Glossary {
  /** Every Chinese form (wording, synonym, abbreviation), folded, to its term. */
  private readonly chinese = new Map<string, Term>();
  /** Chinese forms by first character, longest first, for the longest match. */
  private readonly byFirstChar = new Map<string, string[]>();
  /** English names (and Latin forms such as gdp) as stems joined by spaces, to their term. */
  private readonly english = new Map<string, Term>();
  private readonly longestEnglish: number;

  constructor(readonly entries: readonly GlossaryEntry[]) {
    const englishEntries = new Map<string, GlossaryEntry[]>();
    for (const entry of entries) {
      const term = termOf([entry]);
      for (const form of term.anyOf) {
        if (HAN.test(form)) {
          if (!this.chinese.has(form)) this.chinese.set(form, term);
        } else {
          this.addEnglish(englishEntries, form, entry);
        }
      }
      for (const name of entry.en) this.addEnglish(englishEntries, name, entry);
    }
    for (const form of this.chinese.keys()) {
      const first = form[0] as string;
      const list = this.byFirstChar.get(first) ?? [];
      list.push(form);
      this.byFirstChar.set(first, list);
    }
    for (const list of this.byFirstChar.values()) list.sort((a, b) => b.length - a.length);
    // An English name shared by several entries (review: 审核, 审查) matches any of them.
    for (const [key, shared] of englishEntries) this.english.set(key, termOf(shared));
    this.longestEnglish = Math.max(1, ...[...this.english.keys()].map((k) => k.split(" ").length));
  }

  private addEnglish(into: Map<string, GlossaryEntry[]>, name: string, entry: GlossaryEntry): void {
    const key = contentWords(name.toLowerCase())
      .map((w) => w.stem)
      .join(" ");
    if (key === "") return;
    const list = into.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    into.set(key, list);
  }

  /** The term of a Chinese word when the glossary knows it as any of its forms. */
  termOf(word: string): Term | null {
    return this.chinese.get(normalizeText(word)) ?? null;
  }

  /**
   * The terms that name a kind of a word, in glossary order: those with a form ending in it
   * (全部财政收入 and 地方财政收入, a form of 一般公共预算收入, are kinds of 财政收入). A word
   * shorter than three characters (收入, 案件) has too many kinds to stand for any.
   */
  kindsOf(word: string): Term[] {
    const folded = normalizeText(word);
    if (folded.length < MIN_KIND_OF) return [];
    const kinds = new Map<string, Term>();
    for (const [form, term] of this.chinese) {
      if (form.length > folded.length && form.endsWith(folded) && term.text !== folded)
        kinds.set(term.text, term);
    }
    return [...kinds.values()];
  }

  /** Glossary terms written in Chinese in a folded text, longest first, without overlaps. */
  findChinese(text: string): GlossaryHit[] {
    const hits: GlossaryHit[] = [];
    for (let i = 0; i < text.length; ) {
      const form = this.byFirstChar.get(text[i] as string)?.find((f) => text.startsWith(f, i));
      const term = form ? this.chinese.get(form) : undefined;
      if (form && term) {
        hits.push({ start: i, end: i + form.length, term });
        i += form.length;
      } else {
        i++;
      }
    }
    return hits;
  }

  /**
   * Glossary terms named in English in a folded text, longest names first, without overlaps.
   * Names are matched over the words that carry content, so "fish were released" is "fish released".
   */
  findEnglish(text: string): GlossaryHit[] {
    const words = contentWords(text);
    const hits: GlossaryHit[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longestEnglish, words.length - i); n >= 1 && matched === 0; n--) {
        const key = words
          .slice(i, i + n)
          .map((w) => w.stem)
          .join(" ");
        const term = this.english.get(key);
        if (term) {
          hits.push({ start: words[i]?.start ?? 0, end: words[i + n - 1]?.end ?? 0, term });
          matched = n;
        }
      }
      i += Math.max(1, matched);
    }
    return hits;
  }
}

/** The English words of a text that carry content (not "how", "were", "the"). */
function contentWords(text: string) {
  return englishWords(text).filter((w) => !ENGLISH_EMPTY.has(w.stem));
}

let loaded: Glossary | null = null;

/** The glossary of data/glossary.tsv, read once. */
export function glossary(): Glossary {
  loaded ??= new Glossary(parseGlossary(readFileSync(GLOSSARY_FILE, "utf8")));
  return loaded;
}

/**
 * Keywords of a command (/stat 法援, /stat legal aid) as terms: a glossary form also matches
 * the entry's other forms; English names are read as the glossary's Chinese terms.
 */
export function termsOfKeywords(keywords: readonly string[]): Term[] {
  const g = glossary();
  const terms: Term[] = [];
  const latin: string[] = [];
  const flushLatin = () => {
    if (latin.length === 0) return;
    const text = latin.join(" ");
    const hits = g.findEnglish(text);
    // Words the glossary does not know are kept as typed (a product name, an abbreviation).
    if (hits.length === 0) terms.push(...latin.map((w) => ({ text: w, anyOf: [w] })));
    else terms.push(...hits.map((h) => h.term));
    latin.length = 0;
  };
  for (const keyword of keywords) {
    if (!HAN.test(keyword) && /[a-z]/.test(keyword)) {
      latin.push(keyword);
      continue;
    }
    flushLatin();
    const known = g.termOf(keyword);
    terms.push(
      known
        ? { ...known, text: keyword, anyOf: [keyword, ...known.anyOf.filter((f) => f !== keyword)] }
        : { text: keyword, anyOf: [keyword] },
    );
  }
  flushLatin();
  return terms;
}
