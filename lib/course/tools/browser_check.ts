/**
 * The executed notebooks' HTML exports, opened in a real browser (Chromium, driven headless by
 * `npm:puppeteer-core`): every chart must draw something and an image chart must carry alt text,
 * no cell may show an error trace, and each cell must show as many charts as the notebook holds
 * for it. This module starts Chromium
 * with a fresh profile in a temporary folder, reads the exports, and writes nothing else.
 *
 * - A **chart** is an output the export renders as an image (nbconvert's `jp-RenderedImage` and
 *   `jp-RenderedSVG` outputs, or any element whose `data-mime-type` starts with `image/`); its box
 *   is the box of the `<img>` or `<svg>` inside. It is **blank** when
 *   its box, as the browser paints it, has almost no pixel that differs from the box's most
 *   common colour: fewer than {@link MIN_INK} pixels, or a box of no area. A chart whose SVG lost
 *   its children, or an `<img>` emptied by a sanitiser, is blank.
 * - An **error trace** is an output of type `application/vnd.jupyter.stderr` (a cell that raised
 *   or wrote to stderr).
 * - The page is loaded offline: every request that is not a `file:` or `data:` URL is refused.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { inkCount } from "./browser_check.ts";
 * const white = new Uint8Array(4 * 4 * 4).fill(255); // 4×4 RGBA, all white
 * assertEquals(inkCount({ width: 4, height: 4, channels: 4, data: white }), 0);
 * white.set([0, 0, 0, 255], 20); // one black pixel
 * assertEquals(inkCount({ width: 4, height: 4, channels: 4, data: white }), 1);
 * ```
 * @module
 */
import { basename, join } from "node:path";
import { isChartData } from "../chart.ts";
import { type Notebook, readNotebook } from "./ipynb.ts";
import { guardedFolder } from "../../core/guarded_folder.ts";

/** A chart with fewer differing pixels than this is blank. */
export const MIN_INK = 50;

/** The Chromium flags of every run: headless, offline, no first-run work, no sandbox. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
] as const;

/** Decoded pixels (fast-png's shape). */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

/**
 * The number of pixels that differ from the most common colour of the image by more than 24 in
 * some channel (alpha ignored): how much a chart's box holds besides its background.
 */
export function inkCount(img: Pixels): number {
  const n = img.width * img.height;
  const key = (i: number) => {
    const o = i * img.channels;
    return (img.data[o] << 16) | (img.data[o + 1] << 8) | img.data[o + 2];
  };
  const freq = new Map<number, number>();
  for (let i = 0; i < n; i++) freq.set(key(i), (freq.get(key(i)) ?? 0) + 1);
  let bg = 0, best = -1;
  for (const [k, v] of freq) if (v > best) [bg, best] = [k, v];
  const [r, g, b] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  let ink = 0;
  for (let i = 0; i < n; i++) {
    const o = i * img.channels;
    const d = Math.max(
      Math.abs(img.data[o] - r),
      Math.abs(img.data[o + 1] - g),
      Math.abs(img.data[o + 2] - b),
    );
    if (d > 24) ink++;
  }
  return ink;
}

/** The charts a notebook holds, per 1-based cell. */
export function chartsPerCell(nb: Notebook): Map<number, number> {
  const counts = new Map<number, number>();
  nb.cells.forEach((cell, i) => {
    const n = (cell.outputs ?? []).filter((o) =>
      isChartData(o.data as Record<string, unknown> | undefined)
    ).length;
    if (n > 0) counts.set(i + 1, n);
  });
  return counts;
}

/** One export to check: its HTML file and the executed notebook it was made from. */
export interface Page {
  html: string;
  notebook: Notebook;
}

/** What the browser found on one page. */
export interface PageReport {
  /** The export's name (`M1_reinforce_slow_motion`). */
  name: string;
  /** Charts found, and the ink of each (cell, differing pixels). */
  charts: { cell: number; ink: number }[];
  /** Everything wrong, each naming the notebook and the cell. */
  problems: string[];
}

/**
 * Run in the page: every chart (an output whose `data-mime-type` starts with `image/`) with its
 * box in page coordinates, and every error trace, each with its 1-based cell. A string, because
 * it runs in the browser, not in Deno.
 */
const FIND_OUTPUTS = `(() => {
  const cells = [...document.querySelectorAll(".jp-Cell")];
  const cellOf = (el) => cells.indexOf(el.closest(".jp-Cell")) + 1;
  const outputs = new Set(document.querySelectorAll(
    '.jp-RenderedImage, .jp-RenderedSVG, [data-mime-type^="image/"]'));
  const charts = [...outputs].map((el) => {
    const img = el.querySelector("img");
    const r = (el.querySelector("img, svg") || el).getBoundingClientRect();
    return { cell: cellOf(el), x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,
      alt: img === null ? null : (img.getAttribute("alt") || "") };
  });
  const errors = [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map((el) => ({ cell: cellOf(el), text: (el.textContent || "").trim().split("\\n")[0] }));
  return { charts, errors };
})()`;

interface Found {
  charts: {
    cell: number;
    x: number;
    y: number;
    width: number;
    height: number;
    /** An `<img>` chart's alt text ("" when it has none); null for an SVG chart. */
    alt: string | null;
  }[];
  errors: { cell: number; text: string }[];
}

/**
 * Opens each export in Chromium and checks it (see the module doc).
 *
 * @param pages the exports and their notebooks
 * @param opts `chromium`: the browser's executable (Debian: `/usr/bin/chromium`); `scratch`:
 *   the folder the browser's fresh profile is made in (and removed from)
 */
export async function checkPages(
  pages: readonly Page[],
  opts: { chromium: string; scratch: string },
): Promise<PageReport[]> {
  // Chromium writes its profile outside Deno's permissions: a fresh folder, checked on the way.
  const profileDir = await guardedFolder(
    join(opts.scratch, `.chromium-profile-${crypto.randomUUID().slice(0, 8)}`),
  );
  const profile = profileDir.path;
  const started = (async () => {
    const [{ default: puppeteer }, { decode }] = await Promise.all([
      import("npm:puppeteer-core@25.16.0"),
      import("npm:fast-png@8.0.0"),
    ]);
    const browser = await puppeteer.launch({
      executablePath: opts.chromium,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
    });
    return { browser, decode };
  })();
  const { browser, decode } = await started.catch(async (e) => {
    await profileDir.remove().catch(() => {});
    throw e;
  });
  const reports: PageReport[] = [];
  try {
    for (const { html, notebook } of pages) {
      const name = basename(html).replace(/\.html$/, "");
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      await page.setRequestInterception(true);
      page.on("request", (req) => {
        const url = req.url();
        if (url.startsWith("file:") || url.startsWith("data:")) req.continue();
        else req.abort();
      });
      await page.goto(new URL(`file://${html}`).href, { waitUntil: "load" });
      const found = await page.evaluate(FIND_OUTPUTS) as Found;
      const report: PageReport = { name, charts: [], problems: [] };
      for (const c of found.charts) {
        let ink = 0;
        if (c.width >= 1 && c.height >= 1) {
          const shot = await page.screenshot({
            clip: { x: c.x, y: c.y, width: c.width, height: c.height },
            captureBeyondViewport: true,
          });
          ink = inkCount(decode(shot));
        }
        report.charts.push({ cell: c.cell, ink });
        if (c.alt !== null && c.alt.trim() === "") {
          report.problems.push(`${name} cell ${c.cell}: the chart image has no alt text`);
        }
        if (ink < MIN_INK) {
          report.problems.push(
            `${name} cell ${c.cell}: the chart is blank (${ink} pixels drawn in its ` +
              `${Math.round(c.width)}×${Math.round(c.height)} box)`,
          );
        }
      }
      for (const e of found.errors) {
        report.problems.push(`${name} cell ${e.cell}: the page shows an error trace: ${e.text}`);
      }
      const want = chartsPerCell(notebook);
      const got = new Map<number, number>();
      for (const c of found.charts) got.set(c.cell, (got.get(c.cell) ?? 0) + 1);
      for (const cell of [...new Set([...want.keys(), ...got.keys()])].sort((a, b) => a - b)) {
        if ((want.get(cell) ?? 0) !== (got.get(cell) ?? 0)) {
          report.problems.push(
            `${name} cell ${cell}: the notebook holds ${want.get(cell) ?? 0} chart(s), ` +
              `the page shows ${got.get(cell) ?? 0}`,
          );
        }
      }
      reports.push(report);
      await page.close();
    }
  } finally {
    await browser.close();
    await profileDir.check();
    await removeTree(profile);
  }
  return reports;
}

/**
 * Removes a folder a browser wrote to, retrying for up to 5 s: Chromium's helper processes can
 * still be writing into their profile for a moment after the browser has closed.
 */
export async function removeTree(path: string): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      await Deno.remove(path, { recursive: true });
      return;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The exports of a folder: every `*.html` with the executed `.ipynb` beside it, by name. A
 * missing folder gives none.
 */
export async function exportsIn(dir: string): Promise<Page[]> {
  const pages: Page[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (!e.isFile || !e.name.endsWith(".html")) continue;
      const html = join(dir, e.name);
      pages.push({ html, notebook: await readNotebook(html.replace(/\.html$/, ".ipynb")) });
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return pages.sort((a, b) => a.html.localeCompare(b.html, "en"));
}

/** One line per page (ok/FAIL, its charts, the least ink), then its problems. */
export function pageLines(r: PageReport): string[] {
  const least = r.charts.length === 0 ? "-" : `${Math.min(...r.charts.map((c) => c.ink))} px`;
  return [
    `${
      r.problems.length === 0 ? "ok  " : "FAIL"
    } ${r.name}: ${r.charts.length} charts, least ink ${least}`,
    ...r.problems.map((p) => `    ${p}`),
  ];
}
