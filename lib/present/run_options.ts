/**
 * How an experiment's run is written, whoever asks (a CLI or a notebook): the command recorded
 * in the manifest, its arguments, whether to replace an existing run, and whether to draw charts.
 * @module
 */

/** How a run is written and what its manifest says made it. */
export interface RunWriteOptions {
  /**
   * What made the run, recorded as the manifest's `command`: `deno task bandit` from the CLI,
   * `notebook M1_reinforce_slow_motion` from a notebook.
   */
  command: string;
  /** The arguments recorded in the manifest, as given (default none). */
  args?: string[];
  /** Replace an existing non-empty run folder (default false: refuse it). */
  force?: boolean;
  /** Also write the run's charts as SVG (default false). */
  plot?: boolean;
}
