/**
 * A drawing as SVG. Text is written as glyph outlines (each glyph once, in <defs>, then
 * placed with <use>), so the SVG needs no font to be rendered; each line of text keeps its
 * words in an aria-label, so the SVG still says what it shows.
 */
import type { ChartFont } from "./font.ts";
import type { Drawing, Shape } from "./layout.ts";

/** Title weight without a bold font file: the outline stroked in its own colour (font units). */
const BOLD_STROKE = 36;

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}

/** A number for an attribute: two decimals at most, no trailing zeros. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Builds the SVG of a drawing; `font` outlines its text. */
export function drawingToSvg(drawing: Drawing, font: ChartFont): string {
  const defs = new Map<number, string>();
  const body = drawing.shapes.map((shape) => shapeSvg(shape, font, defs));
  const glyphs = [...defs.entries()].map(([id, outline]) => `<path id="g${id}" d="${outline}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${drawing.width}" height="${drawing.height}" viewBox="0 0 ${drawing.width} ${drawing.height}">`,
    `<rect width="${drawing.width}" height="${drawing.height}" fill="#ffffff"/>`,
    `<defs>${glyphs.join("")}</defs>`,
    ...body,
    "</svg>",
  ].join("\n");
}

function shapeSvg(shape: Shape, font: ChartFont, defs: Map<number, string>): string {
  switch (shape.kind) {
    case "rect":
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" rx="2" fill="${shape.fill}"/>`;
    case "line":
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" stroke="${shape.stroke}" stroke-width="1"/>`;
    case "text": {
      const scale = shape.size / font.unitsPerEm;
      const uses: string[] = [];
      let x = shape.x;
      for (const char of shape.text) {
        const glyph = font.glyph(char);
        if (glyph.outline !== "") {
          defs.set(glyph.id, glyph.outline);
          uses.push(
            `<use href="#g${glyph.id}" transform="translate(${n(x)} ${n(shape.y)}) scale(${scale})"/>`,
          );
        }
        x += glyph.advance * scale;
      }
      const stroke = shape.bold
        ? ` stroke="${shape.fill}" stroke-width="${BOLD_STROKE}" stroke-linejoin="round"`
        : "";
      return `<g aria-label="${escapeXml(shape.text)}" fill="${shape.fill}"${stroke}>${uses.join("")}</g>`;
    }
  }
}
