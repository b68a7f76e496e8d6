/**
 * SVG to PNG, offline and without system fonts: resvg compiled to WebAssembly
 * (`npm:@resvg/resvg-wasm`, whose `.wasm` ships inside the package) draws the SVG, and its only
 * font is DejaVu Sans, read from `npm:dejavu-fonts-ttf` (so axis labels, Greek letters and math
 * symbols render the same on every machine). This module reads those two package files; it
 * writes nothing and touches no network once the packages are in Deno's cache.
 *
 * Why a PNG at all: nbconvert 6 (Debian's) strips every child of an `image/svg+xml` output when
 * it exports HTML, so a chart shown only as SVG is a blank box there; a PNG survives. The
 * notebooks therefore show each chart as a PNG beside its Vega-Lite spec (lib/course/chart.ts).
 *
 * Both packages are loaded on first use and kept for the life of the process.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { svgToPng } from "./raster.ts";
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">' +
 *   '<rect width="40" height="20" fill="red"/></svg>';
 * const png = await svgToPng(svg, { scale: 2 });
 * assertEquals([png.width, png.height], [40, 20]); // CSS pixels; the bitmap is 80 × 40
 * assert(png.bytes[1] === 0x50 && png.bytes[2] === 0x4e && png.bytes[3] === 0x47); // "PNG"
 * ```
 * @module
 */

/** The font every chart is drawn with (the only one resvg is given). */
export const RASTER_FONT = "DejaVu Sans";

/** A rasterised image: the PNG bytes and the size to display it at, in CSS pixels. */
export interface Png {
  bytes: Uint8Array;
  /** Display width in CSS pixels (the SVG's width; the bitmap holds `scale` times as many). */
  width: number;
  /** Display height in CSS pixels. */
  height: number;
}

type ResvgModule = typeof import("npm:@resvg/resvg-wasm@2.6.2");
let engine: Promise<{ resvg: ResvgModule; font: Uint8Array }> | null = null;

/** The path a package specifier resolves to (the package must be in the graph). */
function packagePath(specifier: string): URL {
  const url = import.meta.resolve(specifier);
  if (!url.startsWith("file:")) {
    throw new Error(`${specifier} resolved to ${url}, not a file: is the package installed?`);
  }
  return new URL(url);
}

/** The file a package specifier resolves to, read as bytes (the package must be in the graph). */
async function packageFile(specifier: string): Promise<Uint8Array> {
  return await Deno.readFile(packagePath(specifier));
}

const WASM = "npm:@resvg/resvg-wasm@2.6.2/index_bg.wasm";
const FONT = "npm:dejavu-fonts-ttf@2.37.3/ttf/DejaVuSans.ttf";

/**
 * The two files drawing reads besides code (resvg's WebAssembly and the font), as paths: what a
 * sandbox that may draw must be allowed to read (the grader's, lib/course/tools/grade_sandbox.ts).
 */
export async function rasterFiles(): Promise<string[]> {
  await import("npm:@resvg/resvg-wasm@2.6.2");
  await import("npm:dejavu-fonts-ttf@2.37.3/package.json", { with: { type: "json" } });
  return [WASM, FONT].map((s) => decodeURIComponent(packagePath(s).pathname));
}

function loadEngine(): Promise<{ resvg: ResvgModule; font: Uint8Array }> {
  engine ??= (async () => {
    const resvg = await import("npm:@resvg/resvg-wasm@2.6.2");
    // The font package holds no JavaScript; importing its package.json puts it in Deno's module
    // graph, so Deno fetches it and the .ttf beside it resolves to a file.
    await import("npm:dejavu-fonts-ttf@2.37.3/package.json", { with: { type: "json" } });
    const [wasm, font] = await Promise.all([
      packageFile(WASM),
      packageFile(FONT),
    ]);
    await resvg.initWasm(wasm);
    return { resvg, font };
  })();
  engine.catch(() => engine = null); // a failed load may be retried
  return engine;
}

/** The bytes of the font every chart is drawn with ({@link RASTER_FONT}), loaded once. */
export async function rasterFontBytes(): Promise<Uint8Array> {
  return (await loadEngine()).font;
}

/** resvg's options for every drawing: the one font, no system fonts. */
function drawOptions(font: Uint8Array) {
  return {
    font: {
      fontBuffers: [font],
      loadSystemFonts: false,
      defaultFontFamily: RASTER_FONT,
      sansSerifFamily: RASTER_FONT,
    },
  };
}

/**
 * The box the drawn elements of an SVG cover, text included, in CSS pixels, as resvg draws
 * them with {@link RASTER_FONT} (its `getBBox`), or null when nothing is drawn: what the PNG
 * of the SVG shows, measured without rasterising.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { inkBox } from "./raster.ts";
 * const box = await inkBox('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">' +
 *   '<rect x="5" y="2" width="10" height="8" fill="red"/></svg>');
 * assertEquals([box?.x, box?.y, box?.width, box?.height], [5, 2, 10, 8]);
 * ```
 */
export async function inkBox(
  svg: string,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const { resvg, font } = await loadEngine();
  const image = new resvg.Resvg(svg, drawOptions(font));
  try {
    const b = image.getBBox();
    return b === undefined ? null : { x: b.x, y: b.y, width: b.width, height: b.height };
  } finally {
    image.free();
  }
}

/**
 * Rasterises an SVG document to PNG on a white background, every text in {@link RASTER_FONT}.
 *
 * @param svg the SVG text (with `width` and `height`, as Vega's `toSVG()` writes them)
 * @param opts `scale`: bitmap pixels per CSS pixel (default 1.5: sharper than 1 on high-density
 *   screens, at about half the time of 2)
 * @returns the PNG bytes and the display size in CSS pixels
 */
export async function svgToPng(svg: string, opts: { scale?: number } = {}): Promise<Png> {
  const scale = opts.scale ?? 1.5;
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`scale must be in (0, 8], got ${scale}`);
  const { resvg, font } = await loadEngine();
  const image = new resvg.Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: scale },
    ...drawOptions(font),
  });
  try {
    const width = image.width, height = image.height;
    const rendered = image.render();
    try {
      return { bytes: rendered.asPng(), width, height };
    } finally {
      rendered.free();
    }
  } finally {
    image.free();
  }
}

/**
 * Base64 of bytes, as a MIME bundle carries an image (`image/png`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { base64 } from "./raster.ts";
 * assertEquals(base64(new TextEncoder().encode("PNG")), "UE5H");
 * ```
 */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
