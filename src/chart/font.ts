/**
 * The font charts are drawn with: Noto Sans Hans Regular (the GB2312 hanzi, Latin and
 * digits) from the npm package @embedpdf/fonts-sc, so `npm ci` is all a fresh machine needs
 * for Chinese labels. Text becomes glyph outlines here and is drawn as paths: that gives
 * the layout exact advance widths, and spares the renderer from shaping text, which costs
 * resvg about a millisecond per glyph with a CFF font of this size.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type opentypeModule from "opentype.js";
import type { Font } from "opentype.js";

const require = createRequire(import.meta.url);

const FONT_PACKAGE = "@embedpdf/fonts-sc";
const FONT_FILE = "NotoSansHans-Regular.otf";

/** One glyph: its id in the font, its advance and outline in font units (y down, baseline at 0). */
export interface GlyphShape {
  id: number;
  advance: number;
  outline: string;
}

/** A parsed font with the glyphs used so far, each outlined once. */
export class ChartFont {
  private readonly glyphs = new Map<string, GlyphShape>();

  private constructor(private readonly font: Font) {}

  /** Reads a TrueType or OpenType file; glyph outlines are read only when first used. */
  static fromFile(path: string): ChartFont {
    const file = readFileSync(path);
    // A file this large has an ArrayBuffer of its own: parse it without a copy.
    const whole = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength;
    const buffer = whole
      ? file.buffer
      : file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    // Loaded on the first chart, not at start-up: the parser alone takes a tenth of a second to import.
    const opentype = require("opentype.js") as typeof opentypeModule;
    return new ChartFont(opentype.parse(buffer as ArrayBuffer, { lowMemory: true }));
  }

  get unitsPerEm(): number {
    return this.font.unitsPerEm;
  }

  /** The glyph for one character (a character the font lacks gets its .notdef box). */
  glyph(char: string): GlyphShape {
    let shape = this.glyphs.get(char);
    if (!shape) {
      const glyph = this.font.charToGlyph(char);
      shape = {
        id: glyph.index,
        advance: glyph.advanceWidth ?? this.font.unitsPerEm,
        outline: glyph.getPath(0, 0, this.font.unitsPerEm).toPathData(0),
      };
      this.glyphs.set(char, shape);
    }
    return shape;
  }

  /** The width of a line of text at a font size, in the same units as the size. */
  width(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.glyph(char).advance;
    return (units * size) / this.font.unitsPerEm;
  }

  /** The longest start of `text` that fits in `width`, ending with "…" when cut. */
  fit(text: string, size: number, width: number): string {
    if (this.width(text, size) <= width) return text;
    const chars = [...text];
    while (chars.length > 0 && this.width(`${chars.join("")}…`, size) > width) chars.pop();
    return `${chars.join("")}…`;
  }
}

/** Where the installed font package keeps the font file. */
export function fontFilePath(): string {
  // The package exports only its index; the fonts sit beside its dist/ folder.
  const index = require.resolve(FONT_PACKAGE);
  return join(dirname(index), "..", "fonts", FONT_FILE);
}

let loaded: ChartFont | null = null;

/** The chart font, read on first use (about 0.1 s and 25 MB, once per process). */
export function chartFont(): ChartFont {
  loaded ??= ChartFont.fromFile(fontFilePath());
  return loaded;
}
