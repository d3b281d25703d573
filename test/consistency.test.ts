/**
 * The consistency rules on their own, with made-up cells: what is compared with what for an
 * amount, a rate and a count, and that nothing is said where a number is missing.
 */
import { describe, expect, it } from "vitest";
import type { Cell } from "../src/query/comparison.ts";
import { consistencyNotes } from "../src/query/consistency.ts";
import type { Indicator, Measure } from "../src/report/indicators.ts";
import type { IndicatorRow } from "../src/store/indicator-values.ts";

const indicator = (unit: string, realGrowth = false): Indicator => ({
  name: "指标",
  unit,
  variants: ["指标"],
  english: [],
  realGrowth,
});

function row(measure: Measure, value: number, unit: string): IndicatorRow {
  const raw = `${Math.abs(value)}${unit}`;
  return {
    reportId: "r",
    place: "甲县",
    year: 0,
    measure,
    value,
    raw,
    unit,
    qualifier: null,
    sectionId: "1",
    sentenceIndex: 0,
  };
}

function cell(year: number, parts: Partial<Pick<Cell, "level" | "change" | "target">>): Cell {
  return {
    reportId: `r${year}`,
    title: `${year}`,
    place: "甲县",
    year,
    level: null,
    change: null,
    target: null,
    ...parts,
  };
}

describe("consistency notes", () => {
  it("compare an amount's stated growth with the growth its two levels imply, beyond one point", () => {
    const cells = [
      cell(2021, { level: row("level", 100e8, "亿元") }),
      cell(2022, { level: row("level", 110e8, "亿元"), change: row("change", 7, "%") }),
    ];
    const [note] = consistencyNotes(indicator("元"), cells);
    expect(note).toMatchObject({ kind: "implied-growth", years: [2021, 2022], stated: 7, expected: 10 });
    // Within a point: nothing.
    const close = [
      cells[0] as Cell,
      cell(2022, { level: row("level", 110e8, "亿元"), change: row("change", 9.5, "%") }),
    ];
    expect(consistencyNotes(indicator("元"), close)).toEqual([]);
  });

  it("make no note of the growth two levels imply for a growth stated at comparable prices, but compare its target", () => {
    // 地区生产总值 from 100亿元 to 110亿元 is 10% at current prices; the 7% stated is after prices.
    const cells = [
      cell(2021, { level: row("level", 100e8, "亿元"), target: row("target", 9, "%") }),
      cell(2022, { level: row("level", 110e8, "亿元"), change: row("change", 7, "%") }),
    ];
    expect(consistencyNotes(indicator("元", true), cells)).toMatchObject([
      { kind: "target", years: [2021, 2022], stated: 7, expected: 9 },
    ]);
  });

  it("compare last year's growth target with this year's stated growth", () => {
    const cells = [
      cell(2023, { target: row("target", 7, "%") }),
      cell(2024, { change: row("change", 5.5, "%") }),
    ];
    expect(consistencyNotes(indicator("元"), cells)).toMatchObject([
      { kind: "target", years: [2023, 2024], expected: 7, stated: 5.5 },
    ]);
  });

  it("read a rate's change in points and its target as a level", () => {
    const cells = [
      cell(2021, { level: row("level", 40, "%"), target: row("target", 45, "%") }),
      cell(2022, { level: row("level", 42.7, "%"), change: row("change", 1, "个百分点") }),
    ];
    const notes = consistencyNotes(indicator("%"), cells);
    expect(notes.map((n) => [n.kind, n.expected, n.stated])).toEqual([
      ["implied-growth", 2.7, 1],
      ["target", 45, 42.7],
    ]);
  });

  it("say nothing of a count aimed at, nor where a year or a number is missing", () => {
    const count = [
      cell(2013, { target: row("target", 3000, "人") }),
      cell(2014, { level: row("level", 3150, "人"), change: row("change", 12, "%") }),
    ];
    expect(consistencyNotes(indicator("人"), count)).toEqual([]);
    const gap = [
      cell(2020, { level: row("level", 100e8, "亿元"), target: row("target", 7, "%") }),
      cell(2022, { level: row("level", 130e8, "亿元"), change: row("change", 7, "%") }),
    ];
    expect(consistencyNotes(indicator("元"), gap)).toEqual([]);
    const noGrowth = [
      cell(2023, { level: row("level", 16.08e8, "亿元") }),
      cell(2024, { level: row("level", 13.24e8, "亿元") }),
    ];
    expect(consistencyNotes(indicator("元"), noGrowth)).toEqual([]);
  });
});
