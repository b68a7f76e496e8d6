/**
 * The grading sandbox's channel: how the prelude inside the sandbox tells the grader what
 * happened (a cell started, a bundle was shown, a verdict was recorded, `deno test` is wanted,
 * a permission was refused), on the sandbox's standard output, in lines no notebook code can
 * forge. (Pure.)
 *
 * A line is `\x01GRADE <mac> <json>`: the JSON event carries a sequence number (a line dropped or
 * replayed breaks the sequence), the program cell that was running, and a time; `<mac>` is
 * HMAC-SHA256 of the JSON under a key only the grader and the prelude know (it is written into
 * the rebuilt module, whose folder the sandbox may not read). Anything else a notebook prints is
 * ignored; a line with the mark but a wrong MAC or sequence is counted as rejected.
 *
 * A cell starts with a marker call whose argument is {@link cellNonce}: a cell's code cannot
 * claim to be another cell without the key.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { channelLine, channelReader } from "./grade_channel.ts";
 * const read = channelReader("k");
 * const line = channelLine("k", { seq: 0, cell: 3, t: 5, kind: "display", text: "hi" });
 * assertEquals(read.push(`noise\n${line}${line}`), [{ seq: 0, cell: 3, t: 5, kind: "display", text: "hi" }]);
 * assertEquals(read.rejected(), 1); // the replayed line
 * ```
 * @module
 */
import { hmacSha256Hex } from "./hmac.ts";
import type { Status } from "../lines.ts";

/** What starts every channel line. */
export const CHANNEL_MARK = "\u0001GRADE ";

/** One event from the sandbox. */
export interface ChannelEvent {
  /** 0, 1, 2, … in the order sent. */
  seq: number;
  /** The program cell running when it was sent (0 before the first cell, -1 after the last). */
  cell: number;
  /** Milliseconds since the sandbox started. */
  t: number;
  /** `open`, `cell`, `display`, `verdict`, `run-deno`, `refused`, `forged-marker`, `done`. */
  kind: string;
  [field: string]: unknown;
}

/** The channel line of an event (with its newline). */
export function channelLine(key: string, event: ChannelEvent): string {
  const json = JSON.stringify(event);
  return `${CHANNEL_MARK}${hmacSha256Hex(key, json)} ${json}\n`;
}

/** The argument that proves a cell marker is the grader's: HMAC of `cell <n>`. */
export function cellNonce(key: string, cell: number): string {
  return hmacSha256Hex(key, `cell ${cell}`);
}

/** Reads the sandbox's standard output as it arrives: the authentic events, in order. */
export interface ChannelReader {
  /** Takes the next chunk of output; returns the events it completed. */
  push(text: string): ChannelEvent[];
  /** Lines that carried the mark but not a valid MAC and the next sequence number. */
  rejected(): number;
}

/** A reader of the channel signed with `key`. */
export function channelReader(key: string): ChannelReader {
  let pending = "";
  let next = 0;
  let rejected = 0;
  return {
    push(text) {
      pending += text;
      const events: ChannelEvent[] = [];
      let end: number;
      while ((end = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        const at = line.indexOf(CHANNEL_MARK);
        if (at < 0) continue; // the notebook's own output
        const body = line.slice(at + CHANNEL_MARK.length);
        const space = body.indexOf(" ");
        const mac = body.slice(0, space), json = body.slice(space + 1);
        let event: ChannelEvent | null = null;
        if (space === 64 && hmacSha256Hex(key, json) === mac) {
          try {
            event = JSON.parse(json) as ChannelEvent;
          } catch { /* a MAC over bad JSON cannot come from the prelude */ }
        }
        if (event === null || event.seq !== next) {
          rejected++;
          continue;
        }
        next++;
        events.push(event);
      }
      return events;
    },
    rejected: () => rejected,
  };
}

/** One recorded verdict, as a `verdict` event carries it (lib/course/lab.ts's record). */
export interface Recorded {
  name: string;
  status: Status;
  why: string;
  prediction?: string;
}

/** The verdict a `verdict` event carries. */
export function recordOf(e: ChannelEvent): Recorded {
  return e.record as Recorded;
}
