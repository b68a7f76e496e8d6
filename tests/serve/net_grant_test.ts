// Network access for exactly one address: the permissions the launcher grants come from the
// CLI's own flags, and flags it cannot read grant nothing.
import { assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import {
  childPermissions,
  flagValue,
  hostPort,
  LAUNCHED,
  launchedArgs,
} from "../../lib/serve/net_grant.ts";

Deno.test("hostPort() gives HOST:PORT of an http(s) URL, with the scheme's default port", () => {
  assertEquals(hostPort("http://localhost:11434/v1"), "localhost:11434");
  assertEquals(hostPort("https://api.groq.com/openai/v1"), "api.groq.com:443");
  assertEquals(hostPort("http://example.org/v1?key=1"), "example.org:80");
  assertEquals(hostPort("http://[::1]:8000/v1"), "[::1]:8000");
  assertEquals([hostPort("ftp://x/"), hostPort("not a url"), hostPort("")], [null, null, null]);
});

Deno.test("childPermissions() grants rollouts the host of --base-url and the key's variable only", () => {
  const argv = [
    "--model",
    "m",
    "--base-url",
    "http://127.0.0.1:9000/v1",
    "--api-key-env",
    "GROQ_API_KEY",
  ];
  assertEquals(childPermissions("rollouts", argv), [
    "--allow-read",
    "--allow-write=runs",
    "--allow-run=git",
    "--allow-env=GROQ_API_KEY",
    "--allow-net=127.0.0.1:9000",
  ]);
  assertEquals(childPermissions("rollouts", ["--base-url=https://api.openai.com/v1"]).slice(3), [
    "--allow-env=OPENAI_API_KEY",
    "--allow-net=api.openai.com:443",
  ]);
});

Deno.test("childPermissions() grants nothing for flags it cannot read", () => {
  assertEquals(
    childPermissions("rollouts", ["--base-url", "file:///etc/passwd"]).at(-1),
    "--allow-env=OPENAI_API_KEY",
  );
  assertEquals(childPermissions("rollouts", ["--api-key-env", "A=B", "--base-url"]).length, 3);
  assertEquals(childPermissions("serve", ["--host", "0.0.0.0 --allow-all"]), ["--allow-read"]);
  assertEquals(childPermissions("serve", ["--port", "99999"]), ["--allow-read"]);
});

Deno.test("childPermissions() grants serve its --host and --port (the host alone for port 0)", () => {
  assertEquals(childPermissions("serve", []), ["--allow-read", "--allow-net=127.0.0.1:8000"]);
  assertEquals(childPermissions("serve", ["--port", "0"]), [
    "--allow-read",
    "--allow-net=127.0.0.1",
  ]);
  assertEquals(childPermissions("serve", ["--host", "::1", "--port=81"]), [
    "--allow-read",
    "--allow-net=[::1]:81",
  ]);
  // --workers N shares the port through Deno.serve's reusePort, which needs --unstable-net
  assertEquals(childPermissions("serve", ["--workers", "2"]), [
    "--allow-read",
    "--allow-net=127.0.0.1:8000",
    "--unstable-net",
  ]);
  assertEquals(childPermissions("serve", ["--workers=1"]).includes("--unstable-net"), false);
});

Deno.test("flagValue() reads --flag V and --flag=V, the last one winning; launchedArgs() strips the marker", () => {
  assertEquals(flagValue(["--a", "1", "--a=2"], "a"), "2");
  assertEquals(flagValue(["--ab", "1"], "a"), undefined);
  assertEquals(launchedArgs([LAUNCHED, "--x"]), { argv: ["--x"], launched: true });
  assertEquals(launchedArgs(["--x"]), { argv: ["--x"], launched: false });
});

Deno.test("the rollouts and serve tasks run the launcher with no permission but running Deno", async () => {
  const tasks = JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`)).tasks;
  for (const t of ["rollouts", "serve"]) {
    assertEquals(
      tasks[t],
      `deno run --lock=deno.lock --frozen --quiet --allow-run=deno lib/cli/net_launch.ts ${t}`,
    );
  }
});
