/**
 * Generated libraries of reports for the scale benchmarks (and the tests that need many
 * reports): copies of the seed and of the corpus files with other places, years and
 * numbers, in one sub-folder per place.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
export const SEED = join(ROOT, "data", "reports", "zhongxian-2021.txt");
const CORPUS = join(ROOT, "test", "fixtures", "corpus");
/**
 * The corpus as ../shared/corpus holds it. `untitled/` holds pages chosen for their odd
 * shapes (a report twice on one page, no title), whose places SOURCE_PLACES does not rename:
 * a library of their copies would measure those pages, and the same place many times over.
 */
const CORPUS_FOLDERS = ["fazhi", "work-reports"];

/**
 * The place each source file is about, as its text writes it (file name prefix → the
 * words replaced by the generated place). A county named by one character is written
 * with its 县, so that other words holding that character are left alone.
 */
const SOURCE_PLACES: Record<string, { name: string; suffix: string }> = {
  zhongxian: { name: "忠县", suffix: "县" },
  qingyuan: { name: "清苑", suffix: "" },
  yixian: { name: "易县", suffix: "县" },
  shunping: { name: "顺平", suffix: "" },
  fuping: { name: "阜平", suffix: "" },
  laiyuan: { name: "涞源", suffix: "" },
  mancheng: { name: "满城", suffix: "" },
  dingxing: { name: "定兴", suffix: "" },
  quyang: { name: "曲阳", suffix: "" },
  miyi: { name: "米易", suffix: "" },
  longhua: { name: "龙华", suffix: "" },
};

const PLACE_CHARACTERS = "安宁和兴昌隆泰丰华阳山河新永长青云文武仁德嘉鹤松柏林江湖川源桥塘泉溪岭峰".split("");

/** The n-th generated place name: two characters no source uses, e.g. 安宁. */
export function placeName(n: number): string {
  const count = PLACE_CHARACTERS.length;
  const first = PLACE_CHARACTERS[Math.floor(n / (count - 1)) % count] as string;
  const rest = PLACE_CHARACTERS.filter((c) => c !== first);
  return `${first}${rest[n % rest.length]}`;
}

interface Source {
  prefix: string;
  text: string;
}

/** The seed first, then every file of the corpus folders, with what place each is about. */
export function sources(): Source[] {
  const corpus = CORPUS_FOLDERS.flatMap((folder) =>
    readdirSync(join(CORPUS, folder)).map((f) => join(CORPUS, folder, f)),
  )
    .filter((f) => f.endsWith(".txt"))
    .sort();
  return [SEED, ...corpus].map((file) => ({
    prefix: /([a-z]+)-\d{4}\.txt$/.exec(file)?.[1] ?? "",
    text: readFileSync(file, "utf8"),
  }));
}

/** A source rewritten: its place renamed, every year moved by `years`, its other numbers scaled. */
export function variant(source: Source, place: string, years: number, scale: number): string {
  const known = SOURCE_PLACES[source.prefix];
  let text = source.text;
  if (known) text = text.replaceAll(known.name, `${place}${known.suffix}`);
  return text.replace(/\d+(?:\.\d+)?/g, (number, offset: number, all: string) => {
    const after = all[offset + number.length];
    if (/^(19|20)\d\d$/.test(number) && after === "年") return String(Number(number) + years);
    // Dates, times and numbers next to other digits stay as they are.
    if (after === "年" || after === "月" || after === "日" || after === ":" || after === "-") return number;
    const decimals = number.includes(".") ? (number.split(".")[1]?.length ?? 0) : 0;
    const value = Number(number) * scale;
    return decimals > 0 ? value.toFixed(decimals) : String(Math.max(1, Math.round(value)));
  });
}

/** Generated reports about one place, each from another source. */
export const REPORTS_PER_PLACE = 4;

/**
 * Writes `count` reports into `dir`: the seed as it is, then copies of the seed and of
 * each corpus file in turn (or of the seed alone), four to a generated place (one
 * sub-folder per place), their years moved by up to ±4 and their numbers scaled by 0.8–1.2.
 */
export function writeLibrary(
  dir: string,
  count: number,
  from: "seed" | "seed and corpus" = "seed and corpus",
): void {
  const all = from === "seed" ? sources().slice(0, 1) : sources();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "zhongxian-2021.txt"), (all[0] as Source).text);
  for (let i = 1; i < count; i++) {
    const source = all[i % all.length] as Source;
    const n = Math.floor((i - 1) / REPORTS_PER_PLACE);
    const years = ((Math.floor(i / all.length) * 3 + i) % 9) - 4;
    const scale = 0.8 + ((i * 37) % 41) / 100;
    const folder = join(dir, `p${String(n).padStart(3, "0")}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, `r${String(i).padStart(4, "0")}.txt`),
      variant(source, placeName(n), years, scale),
    );
  }
}
