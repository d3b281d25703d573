import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { answerButtons, CustomIdStore } from "../src/adapters/discord/buttons.ts";
import { clip, EMBED_LIMITS, renderEmbed } from "../src/adapters/discord/render.ts";
import type { FigureView } from "../src/answer/answer.ts";
import { answer } from "../src/answer/build.ts";

function figure(i: number, sentence: string): FigureView {
  return {
    value: i,
    unit: "件",
    raw: `${i}件`,
    qualifier: null,
    change: null,
    label: `第${i}项*数据*`,
    sectionId: "1.7",
    sectionTitle: "加强基层治理",
    nodeId: "1.7.1",
    sentence,
  };
}

function size(embed: APIEmbed): number {
  const texts = [embed.title, embed.description, embed.footer?.text];
  for (const f of embed.fields ?? []) texts.push(f.name, f.value);
  return texts.reduce((n: number, t) => n + (t ?? "").length, 0);
}

const report = { id: "r", title: "忠县人民政府2021年法治政府建设年度报告", version: 1 };

describe("renderEmbed", () => {
  it("shows figures as fields, Markdown-escaped, with report, section and page in the footer", () => {
    const figures = [figure(1, "全年共受理各类法律援助案件1114件")];
    const embed = renderEmbed(
      answer("stat", {
        title: "“法律援助”的相关数字 (共11项)",
        blocks: [{ kind: "figures", figures, startAt: 1 }],
        figures,
        sections: [{ id: "1.7", title: "加强基层治理" }],
        report,
        paging: {
          line: "/stat 法律援助",
          page: 1,
          pages: 2,
          total: 11,
          next: { label: "更多 ›", command: "/stat 法律援助 page:2" },
          previous: null,
        },
      }),
    );
    expect(embed.fields).toEqual([
      {
        name: "1. 第1项\\*数据\\*",
        value: "**1件** 〔1.7 加强基层治理〕\n“全年共受理各类法律援助案件1114件”",
      },
    ]);
    expect(embed.footer?.text).toBe([report.title, "〔1.7〕", "第1/2页, 共11项"].join(" · "));
    expect(embed.description).toBeUndefined();
  });

  it("stays within every Discord limit however long the answer is, and says what it cut", () => {
    const long = "很长的句子😀".repeat(400);
    const many = Array.from({ length: 24 }, (_, i) => figure(i + 1, long));
    const embed = renderEmbed(
      answer("x", {
        title: "标题".repeat(300),
        blocks: [
          { kind: "paragraph", text: long },
          { kind: "list", ordered: true, items: [long, long] },
          { kind: "figures", figures: many, startAt: 1 },
        ],
        report,
      }),
    );
    expect(embed.title?.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed.description?.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const f of embed.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    }
    expect(size(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    // The full title opens the description; the fields left out are counted.
    expect(embed.description?.startsWith("标题标题")).toBe(true);
    expect(embed.fields?.at(-1)?.value).toMatch(/^另有\d+项未显示/);
    // No emoji cut in half: JSON would show a lone surrogate as an escape.
    expect(JSON.stringify(embed)).not.toMatch(/\\ud83d/i);
  });

  it("puts more figures than fit as fields into the description", () => {
    const many = Array.from({ length: 30 }, (_, i) => figure(i + 1, "短句"));
    const blocks = [{ kind: "figures" as const, figures: many, startAt: 1 }];
    const embed = renderEmbed(answer("x", { title: "t", blocks }));
    expect(embed.fields).toBeUndefined();
    expect(embed.description).toContain("30. 第30项\\*数据\\*");
  });
});

describe("clip", () => {
  it("never splits a surrogate pair", () => {
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("short", 10)).toBe("short");
  });
});

describe("answerButtons", () => {
  it("keeps short command lines in the custom_id and long ones behind a key, one button per line", () => {
    const store = new CustomIdStore();
    const long = `/search ${"很".repeat(120)}`;
    const actions = [
      { label: "下一节", command: "/section 1.8" },
      { label: "搜索", command: long },
      { label: "重复", command: "/section 1.8" },
    ];
    const rows = answerButtons(answer("x", { title: "t", actions }), store);
    const ids = rows.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe("c:/section 1.8");
    expect(ids.every((id) => id.length <= 100)).toBe(true);
    expect(store.decode(ids[1] ?? "")).toBe(long);
    expect(store.decode("k:gone")).toBeNull();
  });

  it("gives two lines that differ only in a lone surrogate one button: they encode to one custom_id", () => {
    const actions = [
      { label: "a", command: "/search \ud800" },
      { label: "b", command: "/search \udfff" },
    ];
    const rows = answerButtons(answer("x", { title: "t", actions }), new CustomIdStore());
    expect(rows.flatMap((r) => r.components.map((b) => b.custom_id))).toEqual(["c:/search \ufffd"]);
  });
});
