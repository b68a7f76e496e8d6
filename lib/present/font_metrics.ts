/**
 * Text widths as the charts' PNGs draw them: the advance widths of DejaVu Sans, read from the
 * font file itself (its `cmap` and `hmtx` tables), so a chart's layout reserves the room its
 * labels really take. Without a canvas, Vega estimates every character at 0.8 × the font size,
 * about a third wider than DejaVu Sans's mean: rotated category labels then sit on a blank band
 * and legends leave an empty margin. lib/present/chart_render.ts gives Vega {@link textWidth}.
 *
 * Reads the TTF bytes it is given (lib/present/raster.ts loads them from
 * `npm:dejavu-fonts-ttf`); writes nothing. Kerning is ignored (a pixel or two on a long label).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { advanceTable } from "./font_metrics.ts";
 * // A font with no tables has no widths.
 * let threw = false;
 * try { advanceTable(new Uint8Array(12)); } catch { threw = true; }
 * assertEquals(threw, true);
 * ```
 * @module
 */

/** Advance widths of a font, in em units, by Unicode code point. */
export interface AdvanceTable {
  /** Advance in em (advance / unitsPerEm) of each mapped code point. */
  advance: Map<number, number>;
  /** Advance of the missing glyph (glyph 0), for unmapped code points. */
  missing: number;
}

function tables(view: DataView): Map<string, { offset: number; length: number }> {
  const n = view.getUint16(4);
  const out = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    out.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  return out;
}

/** Code point → glyph id from a format-4 `cmap` subtable (the Basic Multilingual Plane). */
function cmapFormat4(view: DataView, at: number): Map<number, number> {
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
  const map = new Map<number, number>();
  for (let s = 0; s < segX2 / 2; s++) {
    const end = view.getUint16(ends + 2 * s), start = view.getUint16(starts + 2 * s);
    const delta = view.getInt16(deltas + 2 * s), rangeAt = ranges + 2 * s;
    const range = view.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeAt + range + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/**
 * The advance widths of a TrueType font: `head.unitsPerEm`, `hhea.numberOfHMetrics`, the `hmtx`
 * advances and the Unicode BMP `cmap` (platform 3 encoding 1, or platform 0). Throws on a file
 * without these tables.
 */
export function advanceTable(ttf: Uint8Array): AdvanceTable {
  const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const t = tables(view);
  const head = t.get("head"), hhea = t.get("hhea"), hmtx = t.get("hmtx"), cmap = t.get("cmap");
  if (!head || !hhea || !hmtx || !cmap) throw new Error("not a TrueType font with cmap/hmtx");
  const unitsPerEm = view.getUint16(head.offset + 18);
  const metrics = view.getUint16(hhea.offset + 34);
  const advanceOf = (glyph: number) =>
    view.getUint16(hmtx.offset + 4 * Math.min(glyph, metrics - 1)) / unitsPerEm;
  const n = view.getUint16(cmap.offset + 2);
  let sub: number | null = null;
  for (let i = 0; i < n; i++) {
    const rec = cmap.offset + 4 + 8 * i;
    const platform = view.getUint16(rec), encoding = view.getUint16(rec + 2);
    const at = cmap.offset + view.getUint32(rec + 4);
    if (view.getUint16(at) !== 4) continue;
    if ((platform === 3 && encoding === 1) || (platform === 0 && sub === null)) sub = at;
  }
  if (sub === null) throw new Error("the font has no format-4 Unicode cmap");
  const advance = new Map<number, number>();
  for (const [c, glyph] of cmapFormat4(view, sub)) advance.set(c, advanceOf(glyph));
  return { advance, missing: advanceOf(0) };
}

/**
 * The width in pixels of `text` at `fontSize` px: the sum of its characters' advances.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { textWidth } from "./font_metrics.ts";
 * const table = { advance: new Map([[97, 0.5], [98, 0.25]]), missing: 1 };
 * assertEquals(textWidth(table, "ab?", 10), 17.5);
 * ```
 */
export function textWidth(table: AdvanceTable, text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += table.advance.get(ch.codePointAt(0)!) ?? table.missing;
  return em * fontSize;
}
