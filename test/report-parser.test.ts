import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeReport, ReportFileError } from "../src/report/decode.ts";
import { parseReport } from "../src/report/parse.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const SEED_FILE = join(SEED_REPORTS, "zhongxian-2021.txt");
const seedBytes = readFileSync(SEED_FILE);
const seed = parseReport(decodeReport(seedBytes, SEED_FILE), SEED_FILE);

interface ExpectedFigure {
  raw: string;
  value: number;
  unit: string;
  qualifier: string | null;
  change: string | null;
  sectionId: string;
}

const pick = (f: ExpectedFigure) => ({
  raw: f.raw,
  value: f.value,
  unit: f.unit,
  qualifier: f.qualifier,
  change: f.change,
  sectionId: f.sectionId,
});

describe("the seed report", () => {
  it("has every statistic of the hand-read table, and nothing else", () => {
    const table = JSON.parse(
      readFileSync(join(FIXTURES, "zhongxian-2021.figures.json"), "utf8"),
    ) as ExpectedFigure[];
    expect(seed.figures.map(pick)).toEqual(table.map(pick));
  });

  it("reads the metadata, taking the year the report is about", () => {
    expect(seed.meta).toEqual({
      title: "忠县人民政府2021年法治政府建设年度报告",
      titleInferred: false,
      genre: "fazhi",
      issuer: "忠县人民政府",
      place: "忠县",
      year: 2021,
      date: "2022-02-14",
      sourceUrl: null,
    });
  });

  it("builds 3 parts, 8 sub-sections in part 一, and every 一是 item", () => {
    const parts = seed.sections.filter((s) => s.parentId === null && s.id !== "0");
    expect(parts.map((p) => p.title)).toEqual(["2021年法治政府建设情况", "存在的问题", "2022年度工作安排"]);
    const subs = seed.sections.filter((s) => s.parentId === "1");
    expect(subs.map((s) => s.id)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]);
    expect(subs[6]?.title).toBe("加强基层治理,妥善化解矛盾纠纷");
    const items = seed.sections.filter((s) => s.inline).map((s) => s.id);
    expect(items).toEqual([
      ...["1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.3.1", "1.3.2"],
      ...["1.5.1", "1.5.2", "1.5.3", "1.5.4", "1.6.1", "1.6.2", "1.6.3", "1.7.1", "1.7.2", "1.7.3"],
      ...["2.1", "2.2", "2.3", "2.4", "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6"],
    ]);
    expect(seed.sections.find((s) => s.id === "1.3.2")?.title).toBe("严把合法性审核关");
  });

  it("drops the page chrome", () => {
    for (const chrome of ["搜索", "您当前的位置", "字号", "分享", "扫一扫"])
      expect(seed.text).not.toContain(chrome);
    expect(seed.text.startsWith("2021年,忠县坚持")).toBe(true);
  });

  it("lists the problems and the 8 plan items", () => {
    expect(seed.problems.map((p) => p.sectionId)).toEqual(["2.1", "2.2", "2.3", "2.4"]);
    expect(seed.plan.map((p) => p.sectionId)).toEqual([
      "3.1.1",
      "3.1.2",
      "3.1.3",
      "3.1.4",
      "3.1.5",
      "3.1.6",
      "3.2",
      "3.3",
    ]);
    expect(seed.plan[6]?.title).toBe("继续开展法治政府建设示范创建");
  });

  it("labels figures with what they count", () => {
    const label = (raw: string) => seed.figures.find((f) => f.raw === raw)?.label;
    expect(label("1114件")).toBe("法律援助案件");
    expect(label("2149件")).toBe("公证案件");
    expect(label("83.3%")).toContain("出庭应诉率");
    expect(label("54.32%")).toBe("马上办占比");
    const increase = seed.figures.find((f) => f.raw === "10项" && f.change === "increase");
    expect(increase?.label).toBe("行政权力事项增加");
  });

  it("points each figure at its sentence and offset in the cleaned text", () => {
    for (const f of seed.figures) {
      expect(seed.text.slice(f.offset, f.offset + f.raw.length)).toBe(f.raw);
      expect(f.sentence).toContain(f.raw);
    }
  });
});

describe("other shapes of the genre", () => {
  for (const name of ["own-line-headings", "cut-off", "city-long-titles"]) {
    it(`parses ${name} as written by hand`, () => {
      const file = join(FIXTURES, "reports", `${name}.txt`);
      const expected = JSON.parse(readFileSync(join(FIXTURES, "reports", `${name}.expected.json`), "utf8"));
      const parsed = parseReport(decodeReport(readFileSync(file), file), file);
      const { title, place, year, date } = parsed.meta;
      expect({ title, place, year, date }).toEqual(expected.meta);
      expect(parsed.sections.map((s) => ({ id: s.id, title: s.title }))).toEqual(expected.sections);
      expect(parsed.figures.map(pick)).toEqual(expected.figures.map(pick));
      expect(parsed.plan.map((p) => p.title)).toEqual(expected.plan);
      expect(parsed.problems.map((p) => p.title)).toEqual(expected.problems);
    });
  }
});

describe("decoding", () => {
  // GB18030 is GBK extended to all of Unicode: the seed's • has no GBK code, so a site
  // saving it "as GBK" really writes GB18030; every other character is GBK's own bytes.
  it("reads a GBK/GB18030 copy of the seed identically", () => {
    const gbk = iconv.encode(seedBytes.toString("utf8"), "gb18030");
    expect(gbk.equals(seedBytes)).toBe(false);
    expect(parseReport(decodeReport(gbk, "gbk.txt"), "gbk.txt")).toEqual(seed);
  });

  it("reads UTF-8 with a BOM identically", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes]);
    expect(parseReport(decodeReport(withBom, "bom.txt"), "bom.txt")).toEqual(seed);
  });

  it("refuses empty, binary and heading-less files, naming the file", () => {
    expect(() => decodeReport(new Uint8Array(), "empty.txt")).toThrow(/empty\.txt.*empty/);
    expect(() => decodeReport(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), "image.png")).toThrow(
      ReportFileError,
    );
    expect(() => parseReport("只是一段没有标题的文字。\n第二行。", "plain.txt")).toThrow(
      /plain\.txt.*headings/,
    );
  });
});
