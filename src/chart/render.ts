/** SVG to PNG in-process with resvg (a native binary from npm): no browser, no network. */
import { createRequire } from "node:module";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);

/** Device pixels per logical pixel: sharp on phone screens, 1280 wide for a 640 page. */
export const PIXEL_RATIO = 2;

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/** Renders an SVG that carries its text as outlines, so no font is loaded. */
export function renderPng(svg: string): Png {
  // Loaded on the first chart, not at start-up.
  const { Resvg } = require("@resvg/resvg-js") as { Resvg: typeof ResvgClass };
  const rendered = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PIXEL_RATIO },
    font: { loadSystemFonts: false },
    background: "#ffffff",
  }).render();
  return { data: rendered.asPng(), width: rendered.width, height: rendered.height };
}

/** Width and height from a PNG's header (its IHDR chunk), or null when it is no PNG. */
export function pngSize(header: Buffer): { width: number; height: number } | null {
  const signature = "89504e470d0a1a0a";
  if (header.length < 24 || header.subarray(0, 8).toString("hex") !== signature) return null;
  if (header.subarray(12, 16).toString("latin1") !== "IHDR") return null;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}
