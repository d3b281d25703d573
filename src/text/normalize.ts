import { Converter } from "opencc-js/t2cn";

// Traditional (OpenCC standard, Taiwan and Hong Kong forms) to simplified Chinese.
const toSimplified = [
  Converter({ from: "t", to: "cn" }),
  Converter({ from: "tw", to: "cn" }),
  Converter({ from: "hk", to: "cn" }),
];

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
  for (const convert of toSimplified) s = convert(s);
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
