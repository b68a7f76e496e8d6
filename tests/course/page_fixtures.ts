/** Small notebooks for the browser check's tests: executed code cells and an SVG chart output. */
import type { Cell, Notebook } from "../../lib/course/tools/ipynb.ts";

/** An executed code cell holding `outputs`. */
export function codeCell(outputs: Cell["outputs"]): Cell {
  return { cell_type: "code", source: "x", metadata: {}, execution_count: 1, outputs };
}

/** A notebook of `cells`. */
export function notebook(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

/** A chart output carrying only an SVG (what nbconvert 6 exports blank). */
export const svgOutput = (svg: string) => ({
  output_type: "display_data",
  metadata: {},
  data: { "image/svg+xml": svg, "text/plain": "[chart]" },
});
