/**
 * Folding text for matching: traditional characters as written in Taiwan and Hong Kong as well
 * as OpenCC's standard forms become simplified, full-width becomes half-width, and what is
 * already simplified stays as it is.
 */
import { describe, expect, it } from "vitest";
import { normalizeText } from "../src/text/normalize.ts";

describe("normalizeText", () => {
  it("simplifies standard traditional characters and phrases", () => {
    expect(normalizeText("法律援助案件有多少件？")).toBe("法律援助案件有多少件?");
    expect(normalizeText("調解成功率")).toBe("调解成功率");
    expect(normalizeText("頭髮 後來 發展")).toBe("头发 后来 发展");
  });

  it("simplifies Taiwan and Hong Kong variant forms", () => {
    // Taiwan: 穿著 (着), 臺灣; Hong Kong: 衞生 (卫), 枱面 (台).
    expect(normalizeText("穿著 臺灣")).toBe("穿着 台湾");
    expect(normalizeText("衞生 枱面")).toBe("卫生 台面");
  });

  it("leaves simplified text, Latin case aside, as it is", () => {
    expect(normalizeText("什么 怎么 著作")).toBe("什么 怎么 著作");
    expect(normalizeText("  Legal   AID ")).toBe("legal aid");
  });
});
