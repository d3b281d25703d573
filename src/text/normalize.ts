import { ConverterFactory, type DictGroup } from "opencc-js/core";
import { from, to } from "opencc-js/preset/t2cn";

/**
 * Traditional to simplified Chinese in one converter: Taiwan and Hong Kong variant forms to
 * OpenCC's standard traditional, then traditional to simplified. One converter rather than
 * one per region keeps a single copy of the large traditional→simplified dictionary
 * (~9 MB less memory, three times faster). Built on first use (~11 MB): a bot ready on a
 * built database has folded no text yet.
 */
let converter: ((text: string) => string) | null = null;
function toSimplified(text: string): string {
  converter ??= ConverterFactory([...dictionaries(from.hk), ...dictionaries(from.tw)], dictionaries(to.cn));
  return converter(text);
}

/** The one dictionary group of a preset's locale; its absence is a broken install, not a case to handle. */
function dictionaries(groups: readonly DictGroup[] | undefined): DictGroup {
  const group = groups?.[0];
  if (!group) throw new Error("opencc-js: a preset dictionary is missing");
  return group;
}

/** Control, format (zero-width, bidi) and unpaired surrogate characters: never meaningful in a query. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;

/**
 * Folds text for matching: full-width → half-width (NFKC), traditional → simplified,
 * Latin lower case, invisible characters dropped, spaces collapsed. Used on both the
 * user's words and the report text they are matched against.
 */
export function normalizeText(text: string): string {
  const known = recent.get(text);
  if (known !== undefined) return known;
  let s = text.replace(INVISIBLE, " ").normalize("NFKC");
  s = toSimplified(s);
  s = s.toLowerCase().replace(/\s+/g, " ").trim();
  if (text.length <= 200) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(text, s);
  }
  return s;
}

// Conversion costs ~13 µs and the same questions come again and again: remember the last few thousand.
const RECENT_MAX = 5000;
const recent = new Map<string, string>();

/**
 * The keywords of a query: normalised, split on spaces, list and sentence punctuation and
 * quotation marks (法律援助。 is 法律援助), each once. A dot stays inside a keyword (1.7,
 * 1610.8) and goes at its end.
 */
export function keywords(text: string): string[] {
  return [
    ...new Set(
      normalizeText(text)
        .split(/[\s,，、;；。!！?？…:：“”"'‘’「」《》]+/)
        .map((k) => k.replace(/\.+$/, ""))
        .filter((k) => k !== ""),
    ),
  ];
}
