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
