import { assertEquals } from "../../lib/core/testing.ts";
import { f3, pct, points, signed } from "../../lib/present/format.ts";

Deno.test("pct() prints one decimal", () => {
  assertEquals([pct(0.23), pct(1 / 3), pct(1)], ["23.0%", "33.3%", "100.0%"]);
});

Deno.test("signed() uses ASCII '-' and never prints -0.000", () => {
  assertEquals([signed(-0.25), signed(-0.0004), signed(0)], ["-0.250", "+0.000", "+0.000"]);
});

Deno.test("points() prints a fraction difference in signed percentage points", () => {
  assertEquals([points(0.0833), points(-0.025), points(0)], ["+8.3", "-2.5", "+0.0"]);
});

Deno.test("f3() rounds to three decimals", () => {
  assertEquals(f3(2 / 3), "0.667");
});

Deno.test("pct() prints one value computed two ways the same", () => {
  assertEquals([pct(0.2375), pct(0.23749999999999998), pct(0.2375000000000001)], [
    "23.8%",
    "23.8%",
    "23.8%",
  ]);
});
