import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENRES, genreName, recogniseGenre } from "../src/report/genres/index.ts";
import type { Genre } from "../src/report/genres/types.ts";
import { parseReport } from "../src/report/parse.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const read = (path: string) => readFileSync(join(FIXTURES, path), "utf8");

/**
 * A third genre, as README "How to add a genre" describes it: one module saying how the
 * genre is recognised, what its parts are called, what its figures state and how it counts
 * its year. Nothing else in the parser changes.
 */
const statsBulletin: Genre = {
  id: "stats-bulletin",
  name: "国民经济和社会发展统计公报",
  titlePattern: /国民经济和社会发展统计公报$/,
  markers: [/比上年增长/g, /初步核算/g],
  parts: {},
  figureKinds: new Set(["amount", "change", "rate"]),
  year: (e) => e.titleYear,
  inferTitle: ({ place, year }) => `${place ?? ""}${year ?? ""}年国民经济和社会发展统计公报`,
};

describe("genres", () => {
  it("recognises each report's genre from its text", () => {
    expect(parseReport(read("corpus/fazhi/longhua-2019.txt"), "longhua.txt").meta.genre).toBe("fazhi");
    expect(parseReport(read("corpus/work-reports/yixian-2018.txt"), "yixian.txt").meta.genre).toBe(
      "work-report",
    );
    expect(genreName("work-report")).toBe("政府工作报告");
    expect(genreName("unknown")).toBe("unknown");
  });

  it("takes a registered genre with no other change to the parser", () => {
    const text = read("reports/stats-bulletin.txt");
    const genres = [...GENRES, statsBulletin];
    expect(recogniseGenre(text.split("\n").slice(0, 3), text, genres).id).toBe("stats-bulletin");
    const report = parseReport(text, "stats-bulletin.txt", { genres });
    expect(report.meta).toMatchObject({
      genre: "stats-bulletin",
      title: "华阳县2023年国民经济和社会发展统计公报",
      titleInferred: false,
      place: "华阳县",
      year: 2023,
    });
    expect(report.sections.filter((s) => s.parentId === null).map((s) => s.title)).toEqual([
      "综合",
      "农业",
      "工业和建筑业",
    ]);
    // 全年地区生产总值185.6亿元，比上年增长5.2%: an amount and its change, linked.
    const [gdp, growth] = report.figures;
    expect(gdp).toMatchObject({ raw: "185.6亿元", value: 185.6, unit: "亿元", kind: "amount" });
    expect(growth).toMatchObject({ raw: "5.2%", kind: "change", change: "increase", linkedTo: 0 });
  });

  it("reads a text of an unregistered genre as the nearest known one, never failing", () => {
    const report = parseReport(read("reports/stats-bulletin.txt"), "stats-bulletin.txt");
    expect(GENRES.map((g) => g.id)).toContain(report.meta.genre);
  });
});
