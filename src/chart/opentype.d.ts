/**
 * The part of opentype.js that charts use (the package ships no types, and the community
 * types pull the DOM library into the whole program).
 */
declare module "opentype.js" {
  export interface Path {
    toPathData(decimalPlaces: number): string;
  }

  export interface Glyph {
    index: number;
    advanceWidth?: number;
    /** The outline at (x, y) on the baseline, `fontSize` units to the em, y pointing down. */
    getPath(x: number, y: number, fontSize: number): Path;
  }

  export interface Font {
    unitsPerEm: number;
    ascender: number;
    descender: number;
    charToGlyph(char: string): Glyph;
  }

  /** Parses a TrueType or OpenType (CFF) font; `lowMemory` reads glyphs only when asked for. */
  export function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;

  const opentype: { parse: typeof parse };
  export default opentype;
}
