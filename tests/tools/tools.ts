/**
 * What `deno task test:tools` needs from the machine: Jupyter's nbconvert (with nbclient) and
 * Chromium. A missing tool is a failure that says what to install, never a skipped test.
 */
import { nbconvertVersion } from "../../lib/course/tools/execute.ts";

/** Where the browser check finds Chromium (Debian's package). */
export const CHROMIUM = "/usr/bin/chromium";

/** Throws, naming what to install, unless nbconvert and Chromium are both present. */
export async function requireTools(): Promise<void> {
  const missing: string[] = [];
  if (await nbconvertVersion().catch(() => null) === null) {
    missing.push("jupyter nbconvert (apt-get install jupyter-nbconvert python3-nbclient)");
  }
  if (!await Deno.stat(CHROMIUM).then(() => true, () => false)) {
    missing.push(`Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  if (missing.length > 0) {
    throw new Error(`deno task test:tools needs ${missing.join(" and ")}`);
  }
}
