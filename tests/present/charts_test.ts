// The course's charts: every builder makes a titled Vega-Lite v5 spec with axis titles, and
// renderSvg draws any of them headlessly, with no permissions at all.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  barChart,
  DEFAULT_WIDTH,
  lineChart,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from "../../lib/present/chart_spec.ts";
import {
  frontierChart,
  PASS_AT_K_NAIVE,
  PASS_AT_K_UNBIASED,
  passAtKChart,
} from "../../lib/present/course_charts.ts";
import { renderSvg, svgToPng } from "../../lib/present/charts.ts";
import { decode } from "npm:fast-png@8.0.0";
import { passAtKCompareChart } from "../../lib/present/rl_story.ts";

const line = lineChart({
  title: "Learning curve",
  subtitle: "seed 0",
  xTitle: "step",
  yTitle: "p(best)",
  seriesTitle: "setting",
  rows: [
    { x: 1, y: 0.25, series: "baseline" },
    { x: 2, y: 0.5, series: "baseline" },
    { x: 1, y: 0.25, series: "no baseline" },
    { x: 2, y: 0.3, series: "no baseline" },
  ],
  yDomain: [0, 1],
});
const bars = barChart({
  title: "Action probabilities",
  xTitle: "action",
  yTitle: "probability",
  rows: [{ category: "a0", value: 0.1 }, { category: "a1", value: 0.9 }],
});
const groupedBars = barChart({
  title: "Before and after",
  xTitle: "action",
  yTitle: "probability",
  groupTitle: "when",
  rows: [
    { category: "a0", value: 0.5, group: "before" },
    { category: "a0", value: 0.2, group: "after" },
    { category: "a1", value: 0.5, group: "before" },
    { category: "a1", value: 0.8, group: "after" },
  ],
});
const frontier = frontierChart({
  rows: [
    { beta: 0.1, reward: 0.95, kl: 1.8 },
    { beta: 1, reward: 0.7, kl: 0.4 },
    { beta: 10, reward: 0.5, kl: 0.01 },
  ],
});
const passAtK = passAtKChart({
  rows: [1, 2, 4, 8].map((k) => ({ k, unbiased: 1 - 0.7 ** k, naive: 1 - 0.7 ** k })),
});

const all: [string, VegaLiteSpec, string, string][] = [
  ["lineChart()", line, "step", "p(best)"],
  ["barChart()", bars, "action", "probability"],
  ["barChart() with groups", groupedBars, "action", "probability"],
  [
    "frontierChart()",
    frontier,
    "KL(π‖π_ref) (nats, symmetric log scale)",
    "expected reward E_π[r]",
  ],
  ["passAtKChart()", passAtK, "k (samples per prompt)", "pass@k"],
];

for (const [name, spec, xTitle, yTitle] of all) {
  Deno.test(`${name} returns a v5 spec with a title, axis titles and width ${DEFAULT_WIDTH}`, () => {
    assertEquals(spec.$schema, VEGA_LITE_SCHEMA);
    assert(VEGA_LITE_SCHEMA.endsWith("/v5.json"));
    assert(spec.title.text.length > 0);
    assertEquals(spec.encoding.x.title, xTitle);
    assertEquals(spec.encoding.y.title, yTitle);
    assertEquals(spec.width, DEFAULT_WIDTH);
  });

  Deno.test(`renderSvg() draws the ${name} spec as SVG holding its title and axis titles`, async () => {
    const svg = await renderSvg(spec);
    assert(svg.startsWith("<svg"), svg.slice(0, 80));
    assertStringIncludes(svg, spec.title.text);
    assertStringIncludes(svg, escapeXml(xTitle));
    assertStringIncludes(svg, escapeXml(yTitle));
  });
}

Deno.test("lineChart() gives the legend the series title and both series names", async () => {
  assertEquals((line.encoding.color.legend as { title: string }).title, "setting");
  const svg = await renderSvg(line);
  for (const text of ["setting", "baseline", "no baseline", "seed 0"]) {
    assertStringIncludes(svg, text);
  }
});

Deno.test("lineChart() applies the y domain only when one is given", () => {
  assertEquals(line.encoding.y.scale, { domain: [0, 1] });
  const free = lineChart({ title: "t", xTitle: "x", yTitle: "y", rows: [] });
  assertEquals(free.encoding.y.scale, undefined);
});

Deno.test("barChart() with groups places bars side by side with a titled legend", async () => {
  assertEquals(groupedBars.encoding.xOffset.field, "group");
  assertEquals(groupedBars.encoding.color.field, "group");
  const svg = await renderSvg(groupedBars);
  for (const text of ["when", "before", "after"]) assertStringIncludes(svg, text);
});

Deno.test("barChart() labels integer bars as integers (32, not 32.000) and ticks counts at integers", async () => {
  const counts = barChart({
    title: "Results by code",
    xTitle: "code",
    yTitle: "completions",
    rows: [{ category: "ok", value: 32 }, { category: "wrong_answer", value: 3 }],
  });
  assertEquals(counts.encoding.y.axis, { format: "d", tickMinStep: 1 });
  const svg = await renderSvg(counts);
  assertStringIncludes(svg, ">32<");
  assert(!svg.includes("32.000") && !svg.includes(">2.5<"), "no decimals on a count");
});

Deno.test("lineChart() and passAtKChart() print integer x values as integers (k = 1, 2, 4)", async () => {
  assertEquals(passAtK.encoding.x.scale, { type: "log", base: 2 }, "pass@k's k axis is log₂");
  assertEquals(passAtK.encoding.x.axis, { values: [1, 2, 4, 8], format: "d" });
  const svg = await renderSvg(passAtK);
  for (const k of [">1<", ">2<", ">4<", ">8<"]) assertStringIncludes(svg, k);
  assert(!/>\d\.\d</.test(svg.replace(/>[01]\.\d</g, "")), "no 1.0-style tick on the k axis");
  assertEquals(line.encoding.x.axis, { format: "d", tickMinStep: 1 });
  const fractional = lineChart({
    title: "t",
    xTitle: "x",
    yTitle: "y",
    rows: [{ x: 0.5, y: 1, series: "s" }],
  });
  assertEquals(fractional.encoding.x.axis, undefined, "fractional x keeps Vega's own format");
});

Deno.test("barChart() slants category labels that would overlap, and keeps short ones upright", () => {
  const codes = [
    "wrong_answer",
    "missing_prefix",
    "extra_text",
    "not_single_line",
    "leading_zeros",
  ];
  const crowded = barChart({
    title: "t",
    xTitle: "code",
    yTitle: "n",
    width: 300,
    rows: codes.map((category) => ({ category, value: 1 })),
  });
  assertEquals(crowded.encoding.x.axis, { labelAngle: -35, labelAlign: "right" });
  assertEquals(bars.encoding.x.axis, { labelAngle: 0 });
});

Deno.test("svgToPng() rasterises a chart at 1.5 times its size and draws its labels with the packaged font", async () => {
  const svg = await renderSvg(bars);
  const png = await svgToPng(svg);
  const image = decode(png.bytes);
  assertEquals(
    [image.width, image.height],
    [Math.round(png.width * 1.5), Math.round(png.height * 1.5)],
  );
  const width = Number(/width="(\d+)"/.exec(svg)![1]);
  assertEquals(png.width, width);
  // Only text: without a loadable font this draws nothing at all.
  const label = await svgToPng(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30">' +
      '<text x="4" y="20" font-family="sans-serif" font-size="14">k = 1, 2, 4</text></svg>',
    { scale: 1 },
  );
  const px = decode(label.bytes);
  let inked = 0;
  for (let i = 0; i < px.data.length; i += px.channels) if (px.data[i] < 128) inked++;
  assert(inked > 50, `the label drew ${inked} dark pixels`);
});

Deno.test("barChart() without groups labels every bar with its value to 3 decimals", async () => {
  const svg = await renderSvg(bars);
  assertStringIncludes(svg, "0.100");
  assertStringIncludes(svg, "0.900");
});

Deno.test("frontierChart() labels every point with its beta", async () => {
  const svg = await renderSvg(frontier);
  for (const beta of ["β=0.1", "β=1", "β=10"]) assertStringIncludes(svg, beta);
});

Deno.test("passAtKChart() draws the unbiased and naive series on a [0, 1] axis", () => {
  const series = new Set(passAtK.data.values.map((v) => v.series));
  assertEquals(series, new Set([PASS_AT_K_UNBIASED, PASS_AT_K_NAIVE]));
  assertEquals(passAtK.data.values.length, 8);
  assertEquals(passAtK.encoding.y.scale, { domain: [0, 1] });
});

Deno.test("renderSvg() needs only read access (its font's widths): no network, write or environment", async () => {
  // A child allowed to read and nothing else: any fetch, write or env lookup would fail it.
  const dir = await Deno.makeTempDir();
  try {
    const plot = new URL("../../lib/present/charts.ts", import.meta.url).href;
    const script = `${dir}/render.ts`;
    await Deno.writeTextFile(
      script,
      `import { lineChart, renderSvg } from ${JSON.stringify(plot)};\n` +
        `const svg = await renderSvg(lineChart({ title: "sandboxed", xTitle: "x", yTitle: "y",` +
        ` rows: [{ x: 0, y: 0, series: "s" }, { x: 1, y: 1, series: "s" }] }));\n` +
        `console.log(svg.slice(0, 4), svg.includes("sandboxed"));\n`,
    );
    const config = new URL("../../deno.json", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--no-prompt", "--allow-read", "--config", config, script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert(out.success, stderr);
    assertEquals(new TextDecoder().decode(out.stdout).trim(), "<svg true");
    assertEquals(stderr, "", "no warning (such as punycode's deprecation) reaches stderr");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

Deno.test("frontierChart() puts KL on a symmetric log scale from 0, and no two β labels overlap", async () => {
  const { klSweep } = await import("../../lib/learn/kl_sweep.ts");
  const { COMPLETION_STYLES, DEFAULT_BETAS } = await import("../../lib/learn/kl.ts");
  const { advanceTable, textWidth } = await import("../../lib/present/font_metrics.ts");
  const { rasterFontBytes } = await import("../../lib/present/raster.ts");
  const rows = klSweep(COMPLETION_STYLES, DEFAULT_BETAS)
    .map((p) => ({ beta: p.beta, reward: p.expected_reward, kl: p.kl }));
  const spec = frontierChart({ rows });
  const x = spec.encoding.x as { scale: { type: string; domain: number[] } };
  assertEquals([x.scale.type, x.scale.domain[0]], ["symlog", 0]);
  const svg = await renderSvg(spec);
  const table = advanceTable(await rasterFontBytes());
  // Each label's box: its anchor's side, the baseline from the translate, 11 px type.
  const boxes = [...svg.matchAll(
    /text-anchor="(start|end)" transform="translate\(([\d.]+),([\d.]+)\)"[^>]*>(β=[^<]*)<\/text>/g,
  )].map(([, anchor, tx, ty, label]) => {
    const w = textWidth(table, label, 11), x0 = Number(tx), y0 = Number(ty);
    return {
      label,
      x1: anchor === "start" ? x0 : x0 - w,
      x2: anchor === "start" ? x0 + w : x0,
      y1: y0 - 9,
      y2: y0 + 3,
    };
  });
  assertEquals(boxes.length, rows.length, "one label per β");
  for (const a of boxes) {
    for (const b of boxes) {
      if (a === b) continue;
      const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
      assert(!overlap, `${a.label} and ${b.label} overlap`);
    }
  }
});

Deno.test("every pass@k chart puts k on a log₂ axis", () => {
  const compare = passAtKCompareChart({ "1": 0.3, "64": 0.8 }, { "1": 0.5, "64": 0.85 });
  assertEquals(compare.encoding.x.scale, { type: "log", base: 2 });
  assertEquals(passAtK.encoding.x.scale, { type: "log", base: 2 });
});
