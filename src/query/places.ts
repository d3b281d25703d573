/**
 * The library's places a text names: 满城区, 清苑 (清苑县 and, after 2015, 清苑区), 米易县
 * and not 易县 in it. Shared by /compare, which reads places in its words, and by questions
 * that name the report they are about.
 */
import { PLACE_KINDS } from "../report/metadata.ts";
import { normalizeText } from "../text/normalize.ts";
import { wordSpans } from "../text/segment.ts";

/** A place's name without the kind of place: 清苑区 → 清苑, 大鹏新区 → 大鹏, 广东省 → 广东 (not for one character: 易县). */
const PLACE_KIND = new RegExp(`(?:${PLACE_KINDS})$`);

/** The short form people write for a place: 清苑区 → 清苑; a one-character rest keeps its kind. */
export function shortPlace(place: string): string {
  const short = place.replace(PLACE_KIND, "");
  return short.length >= 2 ? short : place;
}

/** One name found in a text, with every place of the library it stands for. */
export interface PlaceName {
  /** As written in the (folded) text. */
  name: string;
  places: string[];
  at: number;
}

/**
 * The names of known places in a (folded) text, in the order written, and the text with
 * each name blanked. Whole names first, longer ones first, so 米易县 is not read as 易县;
 * then short names, each for every place it names. With `wholeWordsOnly`, a short name
 * that is only part of a word of the text (高新 in 高新技术) names nothing: free text,
 * unlike a command's arguments, uses such words.
 */
export function placeNames(
  text: string,
  knownPlaces: readonly string[],
  wholeWordsOnly = false,
): { names: PlaceName[]; rest: string } {
  let rest = text;
  const names: PlaceName[] = [];
  const take = (form: string, places: readonly string[], fits: (at: number) => boolean) => {
    const at = rest.indexOf(form);
    if (at < 0 || !fits(at)) return;
    const fresh = places.filter((place) => !names.some((n) => n.places.includes(place)));
    if (fresh.length > 0) names.push({ name: form, places: fresh, at });
    rest = `${rest.slice(0, at)}${" ".repeat(form.length)}${rest.slice(at + form.length)}`;
  };
  const longestFirst = (a: string, b: string) => b.length - a.length;
  for (const place of [...knownPlaces].sort(longestFirst)) take(normalizeText(place), [place], () => true);
  const byShort = new Map<string, string[]>();
  for (const place of knownPlaces) {
    const short = normalizeText(shortPlace(place));
    byShort.set(short, [...(byShort.get(short) ?? []), place]);
  }
  // Cut into words only when a short name is there to check.
  let bounds: Set<number> | null = null;
  const wholeWord = (at: number, length: number) => {
    bounds ??= wordBounds(text);
    return bounds.has(at) && bounds.has(at + length);
  };
  for (const short of [...byShort.keys()].sort(longestFirst)) {
    take(short, byShort.get(short) ?? [], (at) => !wholeWordsOnly || wholeWord(at, short.length));
  }
  return { names: names.sort((a, b) => a.at - b.at), rest };
}

/** Where the words of a text begin and end (jieba's precise cut), as offsets. */
function wordBounds(text: string): Set<number> {
  const bounds = new Set<number>([0, text.length]);
  for (const { word, start } of wordSpans(text)) {
    bounds.add(start);
    bounds.add(start + word.length);
  }
  return bounds;
}
