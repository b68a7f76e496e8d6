/**
 * Training stops the moment a number goes non-finite: a NaN or infinite loss or weight (a
 * learning rate of 1e300, say) would otherwise train on silently and be written as a checkpoint
 * no sampler can use. {@link assertFiniteStep} is called by every trainer (SFT, RL) after each
 * update; it throws an `InputError` (exit 2) naming the step, before any file is written.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { assertFiniteStep, firstNonFinite } from "./finite.ts";
 * assertEquals(firstNonFinite([1, 2, NaN]), 2);
 * assertEquals(firstNonFinite([1e300]), 0); // Infinity once stored as float32
 * let why = "";
 * try {
 *   assertFiniteStep("rl", 7, 0.5, new Float64Array([1, Infinity]));
 * } catch (e) {
 *   why = (e as Error).message;
 * }
 * assertEquals(why.startsWith("rl stopped at step 7: weight 1 is Infinity"), true);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";

/**
 * The first index holding NaN, ±Infinity or a number beyond float32's range (a checkpoint stores
 * float32, where 1e300 becomes Infinity), or -1.
 */
export function firstNonFinite(xs: ArrayLike<number>): number {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(Math.fround(xs[i]))) return i;
  return -1;
}

/**
 * Refuses a training step whose loss or updated weights are not finite.
 *
 * @param trainer the run's name in the message (`rl`, `sft`)
 * @param step the step just taken (1-based)
 * @param loss its loss
 * @param weights the weights after the update
 * @throws InputError naming the step and the first bad number
 */
export function assertFiniteStep(
  trainer: string,
  step: number,
  loss: number,
  weights: ArrayLike<number>,
): void {
  const bad = Number.isFinite(loss) ? firstNonFinite(weights) : -2;
  if (bad === -1) return;
  const what = bad === -2 ? `the loss is ${loss}` : `weight ${bad} is ${weights[bad]}`;
  throw new InputError(
    null,
    null,
    `${trainer} stopped at step ${step}: ${what} (the learning rate is likely too large); ` +
      "no checkpoint is written",
  );
}
