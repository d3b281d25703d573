import { fazhi } from "./fazhi.ts";
import type { Genre, PartRole } from "./types.ts";
import { workReport } from "./work-report.ts";

export type { Genre, InferredTitleParts, PartRole, YearEvidence } from "./types.ts";

/**
 * The genres the parser knows, the first being the fallback for a text that reads as none.
 * A new genre is one file beside these (see README, "How to add a genre") and a line here.
 */
export const GENRES: readonly Genre[] = [fazhi, workReport];

const TITLE_BONUS = 20;
const MARKER_CAP = 5;

/**
 * The genre the text reads as: a title line of the genre counts most, then each marker word
 * (up to five times each). `titleLines` are the lines that may hold the title.
 */
export function recogniseGenre(titleLines: string[], text: string, genres: readonly Genre[] = GENRES): Genre {
  let best = genres[0] ?? fazhi;
  let bestScore = -1;
  for (const genre of genres) {
    let score = titleLines.some((l) => genre.titlePattern.test(l)) ? TITLE_BONUS : 0;
    for (const marker of genre.markers) {
      let n = 0;
      for (const _ of text.matchAll(marker)) if (++n >= MARKER_CAP) break;
      score += n;
    }
    if (score > bestScore) {
      best = genre;
      bestScore = score;
    }
  }
  return best;
}

/** The role of a part, by its title, in a genre; null when the title names none. */
export function partRole(genre: Genre, title: string): PartRole | null {
  // Problems before plan: 存在的问题和下一步打算 is read for its problems first.
  for (const role of ["problems", "plan", "review", "self"] as const) {
    if (genre.parts[role]?.test(title)) return role;
  }
  return null;
}

/** The role of a part in a report stored as of the genre `genreId`; null when the genre is unknown or the title names none. */
export function partRoleIn(
  genreId: string,
  title: string,
  genres: readonly Genre[] = GENRES,
): PartRole | null {
  const genre = genres.find((g) => g.id === genreId);
  return genre ? partRole(genre, title) : null;
}

/**
 * A genre's name for people (法治政府建设年度报告, in English "annual report on building
 * law-based government") from its stored id; the id itself if unknown.
 */
export function genreName(id: string, locale: "zh" | "en" = "zh", genres: readonly Genre[] = GENRES): string {
  const genre = genres.find((g) => g.id === id);
  if (!genre) return id;
  return locale === "en" ? (genre.englishName ?? genre.name) : genre.name;
}
