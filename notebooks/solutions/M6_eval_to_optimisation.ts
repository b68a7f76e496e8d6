/**
 * The teacher's answers to M6's predictions. `deno task notebooks --with-solutions` puts each
 * export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (trap one): the instrument changed, not the policy. */
export const myInstrumentPrediction =
  "REJECT, naming the instrument: scorer name and version differ";

/** Predict first (trap two): more samples, same policy. */
export const mySelectionPrediction = "REJECT, naming selection compute: N changed from 1 to 4";

/** Predict first (trap three): only the policy changed, so the evidence decides. */
export const myLearningPrediction =
  "the locked room holds; +8.3 points on 120 items, the noise rule does not apply; McNemar decides";

/** Predict first (section 6, pass@k): RL moves pass@1 most; many samples of the base close the gap. */
export const myRlPassAtKPrediction =
  "base pass@1 about 0.3, trained about 0.55; pass@64 about 0.85 for both; the gain is largest at k = 1";

/** Predict first (section 6, the gate): only the policy changed in the first comparison. */
export const myRlGatePrediction =
  "same settings: PROMOTE, significant; temperature 0.7: REJECT, naming the sampling settings";
