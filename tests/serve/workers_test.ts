// deno task serve --workers N: N servers on one port (one thread each); every request is answered
// by one of them, and the counters printed at the end add up over all of them.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { scratch } from "../cli.ts";
import { finished, freePort, spawnTask } from "./tasks.ts";

Deno.test("serve --workers 2 answers on one port and sums the workers' counters on SIGTERM", async () => {
  const cwd = await scratch("workers_test_");
  const port = freePort();
  const child = spawnTask("serve", ["--stand-in", "--workers", "2", "--port", String(port)], {
    cwd,
  });
  const url = `http://127.0.0.1:${port}`;
  const fresh = Deno.createHttpClient({ poolMaxIdlePerHost: 0 }); // a connection per request
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    up = await fetch(`${url}/health`, { client: fresh }).then(
      (r) => r.body?.cancel().then(() => r.ok) ?? r.ok,
      () => false,
    );
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  assert(up, "deno task serve --workers 2 did not answer");
  const body = JSON.stringify({
    query: ["Q\nFinal: 5<|im_end|>"],
    prompts: ["Q\n"],
    labels: ["5"],
  });
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${url}/get_reward`, { method: "POST", body, client: fresh });
    assertEquals((await res.json()).rewards, [1]);
  }
  fresh.close();
  child.kill("SIGTERM");
  const out = await finished(child);
  assert(out.stdout.includes("2 workers share the port"), out.stdout);
  assert(/\/get_reward 20\b/.test(out.stdout), out.stdout);
  await Deno.remove(cwd, { recursive: true });
});
