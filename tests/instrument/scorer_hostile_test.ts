/**
 * The scorer is total for ANY JavaScript value: revoked Proxies, Proxies whose traps throw,
 * throwing getters, null prototypes, objects whose toString/valueOf/Symbol.toPrimitive throw,
 * and exceptions that are themselves hostile. Each named case is its own test; the property test
 * runs 100,000 generated hostile pairs.
 */
import fc from "npm:fast-check@4.10.2";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { SCORE_CODES, type ScoreResult } from "../../lib/instrument/spec.ts";
import { parseJsonPreservingIntegers } from "../../lib/core/unsafe_integer.ts";

const EX = { id: "h", prompt: "p", expected_answer: 323 };

/** A result that is a well-formed verdict and survives JSON. */
function assertVerdict(r: ScoreResult, code?: string): void {
  assert(r.reward === 0 || r.reward === 1);
  assert((SCORE_CODES as readonly string[]).includes(r.details.code), r.details.code);
  assertEquals(typeof r.details.message, "string");
  assertEquals(JSON.parse(JSON.stringify(r)), r);
  if (code !== undefined) assertEquals(r.details.code, code, r.details.message);
}

function revoked(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

/** An object every conversion of which throws `thrown`. */
function unconvertible(thrown: () => unknown): object {
  const boom = () => {
    throw thrown();
  };
  return { toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom, toJSON: boom };
}

/** A Proxy every trap of which throws `thrown`. */
function trapsThrow(thrown: () => unknown, target: object = {}): object {
  const boom = () => {
    throw thrown();
  };
  return new Proxy(target, {
    get: boom,
    has: boom,
    ownKeys: boom,
    getPrototypeOf: boom,
    getOwnPropertyDescriptor: boom,
    apply: boom,
  });
}

/** Hostile thrown values: each is thrown by a getter and must not escape. */
const THROWN: [string, () => unknown][] = [
  ["an Error", () => new Error("boom")],
  ["a revoked Proxy", revoked],
  ["an object whose message getter throws", () => ({
    get message() {
      throw new Error("inner");
    },
  })],
  ["an unconvertible object", () => unconvertible(() => new Error("x"))],
  ["a Proxy whose traps throw", () => trapsThrow(() => 1)],
  ["a symbol", () => Symbol("s")],
  ["null", () => null],
  ["undefined", () => undefined],
  ["a bigint", () => 7n],
  ["a null-prototype object", () => Object.create(null)],
];

Deno.test("score() returns invalid_completion for a revoked Proxy as completion", () => {
  assertVerdict(score(EX, revoked()), "invalid_completion");
});

Deno.test("score() returns invalid_example for a revoked Proxy as example", () => {
  assertVerdict(score(revoked(), "Final: 323"), "invalid_example");
});

for (const [what, thrown] of THROWN) {
  Deno.test(`score() returns invalid_example when the example's getter throws ${what}`, () => {
    const example = {
      get expected_answer(): unknown {
        throw thrown();
      },
    };
    const r = score(example, "Final: 323");
    assertVerdict(r, "invalid_example");
    assertStringIncludes(r.details.message, "reading it failed");
  });
  Deno.test(`score() returns invalid_example when every Proxy trap throws ${what}`, () => {
    assertVerdict(score(trapsThrow(thrown), "Final: 323"), "invalid_example");
  });
  Deno.test(`score() returns invalid_completion for an object whose conversions throw ${what}`, () => {
    assertVerdict(score(EX, unconvertible(thrown)), "invalid_completion");
    assertVerdict(score(EX, trapsThrow(thrown)), "invalid_completion");
  });
}

Deno.test("score() returns invalid_example when expected_answer is itself hostile", () => {
  for (const ea of [revoked(), trapsThrow(() => new Error("x")), unconvertible(() => 1)]) {
    assertVerdict(score({ expected_answer: ea }, "Final: 323"), "invalid_example");
  }
});

Deno.test("score() reads the example's expected_answer exactly once", () => {
  let reads = 0;
  const example = {
    get expected_answer() {
      reads++;
      return reads === 1 ? 323 : "changed";
    },
  };
  assertVerdict(score(example, "Final: 323"), "ok");
  assertEquals(reads, 1);
});

Deno.test("score() accepts a null-prototype example and rejects a null-prototype completion", () => {
  const example = Object.assign(Object.create(null), { expected_answer: 323 });
  assertVerdict(score(example, "Final: 323"), "ok");
  assertVerdict(score(EX, Object.create(null)), "invalid_completion");
});

Deno.test("score() reports an expected_answer of 9007199254740993 read from JSON as written", () => {
  const example = parseJsonPreservingIntegers('{"id":"big","expected_answer":9007199254740993}');
  const r = score(example, "Final: 9007199254740993");
  assertVerdict(r, "invalid_example");
  assertStringIncludes(r.details.message, "9007199254740993");
  assert(!r.details.message.includes("9007199254740992"), r.details.message);
});

// --- The property: 100,000 hostile pairs --------------------------------------------------------

const thrownArb = fc.constantFrom(...THROWN.map(([, f]) => f));
const jsonish = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined), fc.bigInt());

/** A hostile value, built fresh for each run from a few choices. */
const hostileArb: fc.Arbitrary<() => unknown> = fc.oneof(
  fc.constant(revoked),
  thrownArb.map((t) => () => trapsThrow(t)),
  thrownArb.map((t) => () => trapsThrow(t, [])),
  thrownArb.map((t) => () => unconvertible(t)),
  fc.tuple(thrownArb, fc.constantFrom("expected_answer", "id", "length")).map(([t, key]) => () =>
    Object.defineProperty({}, key, {
      get() {
        throw t();
      },
    })
  ),
  jsonish.map((v) => () => Object.assign(Object.create(null), { expected_answer: v })),
  thrownArb.map((t) => () => ({ expected_answer: unconvertible(t) })),
  thrownArb.map((t) => () => ({ expected_answer: trapsThrow(t) })),
  fc.constant(() => ({ expected_answer: revoked() })),
  jsonish.map((v) => () => v),
);

Deno.test("score() is total over 100,000 hostile (example, completion) pairs (property-based)", () => {
  let runs = 0;
  fc.assert(
    fc.property(hostileArb, hostileArb, fc.boolean(), (mkE, mkC, validExample) => {
      runs++;
      const r = score(validExample ? EX : mkE(), mkC());
      return (r.reward === 0 || r.reward === 1) &&
        (SCORE_CODES as readonly string[]).includes(r.details.code) &&
        typeof r.details.message === "string" && JSON.stringify(r).length > 0;
    }),
    { numRuns: 100_000, seed: 2026 },
  );
  assertEquals(runs, 100_000);
});
