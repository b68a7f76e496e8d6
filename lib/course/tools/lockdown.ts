/**
 * Freezes the JavaScript built-ins, so code that runs afterwards cannot change what the checks
 * compute with (`Math.abs = () => 0`, `Array.prototype.every = () => true`, `globalThis.JSON =
 * …`): the grading sandbox calls it once the library is loaded and before the first cell.
 *
 * What is frozen: every object reachable from the standard globals listed in
 * {@link INTRINSICS} (constructors, their prototypes, their methods), the iterator, generator and
 * async-function prototypes, and the global bindings of those names (no longer writable).
 *
 * Freezing a prototype would break ordinary code that assigns on an instance a name the prototype
 * already has (`this.name = "InputError"` in an Error subclass, vega's `array.forEach = …`): in
 * strict mode such an assignment throws when the inherited property is read-only (the
 * "override mistake"). So, as SES does, each data property of a frozen prototype first becomes
 * a getter and a setter; the setter defines the property on the instance and refuses only an
 * assignment to the prototype itself.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * const code = `
 *   import { lockdown } from "${new URL("./lockdown.ts", import.meta.url).href}";
 *   lockdown();
 *   class Oops extends Error { constructor() { super("x"); this.name = "Oops"; } }
 *   let refused = false;
 *   try { Math.abs = () => 0; } catch { refused = true; }
 *   console.log(refused, new Oops().name, Math.abs(-2));`;
 * const out = await new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "piped" }).output();
 * assertEquals(new TextDecoder().decode(out.stdout).trim(), "true Oops 2");
 * ```
 * @module
 */

/** The standard globals whose objects are frozen. */
export const INTRINSICS: readonly string[] = [
  "Object",
  "Function",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "BigInt",
  "Math",
  "JSON",
  "Reflect",
  "Promise",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Date",
  "RegExp",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
  "ArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "Proxy",
  "Atomics",
  "Intl",
  "Iterator",
  "isNaN",
  "isFinite",
  "parseFloat",
  "parseInt",
  "TextEncoder",
  "TextDecoder",
  "structuredClone",
];

/** Names assigned on instances often enough to stay assignable on any frozen object. */
const SHADOWED = ["name", "message", "constructor", "toString", "valueOf", "toJSON", "stack"];

/** Every object and function reachable from `root` through properties and prototypes. */
function reachable(root: unknown, seen: Set<object>): void {
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) continue;
    seen.add(v);
    stack.push(Object.getPrototypeOf(v));
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      if ("value" in d) stack.push(d.value);
      else stack.push(d.get, d.set);
    }
  }
}

/** True for the `prototype` of a constructor (Array.prototype, Error.prototype, …). */
function isPrototype(obj: object): boolean {
  const c = Object.getOwnPropertyDescriptor(obj, "constructor")?.value;
  return typeof c === "function" && c.prototype === obj;
}

/** Turns the data properties an instance may shadow into accessors (see the module doc). */
function tame(obj: object): void {
  const keys = isPrototype(obj) ? Reflect.ownKeys(obj) : SHADOWED;
  for (const key of keys) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (d === undefined || !("value" in d) || !d.configurable) continue;
    const value = d.value;
    Object.defineProperty(obj, key, {
      get: () => value,
      set(this: object, v: unknown) {
        if (this === obj) {
          throw new TypeError(`Cannot assign to read only property '${String(key)}'`);
        }
        Object.defineProperty(this, key, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  }
}

/**
 * Freezes the built-ins for the rest of the process (see the module doc). Run it once, after
 * every library that patches a built-in on load (vega adds `Set.prototype.toJSON`) is loaded.
 */
export function lockdown(): void {
  const globals = globalThis as Record<string, unknown>;
  const seen = new Set<object>();
  for (const name of INTRINSICS) reachable(globals[name], seen);
  reachable(Object.getPrototypeOf([][Symbol.iterator]()), seen);
  reachable(Object.getPrototypeOf(function* () {}), seen);
  reachable(Object.getPrototypeOf(async function () {}), seen);
  reachable(Object.getPrototypeOf(async function* () {}), seen);
  for (const obj of seen) tame(obj);
  for (const obj of seen) Object.freeze(obj);
  for (const name of INTRINSICS) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d === undefined || !d.configurable) continue;
    // A lazy global (TextEncoder is a getter in Deno) is read once and fixed as a value.
    const value = globals[name];
    Object.defineProperty(globalThis, name, {
      value,
      writable: false,
      enumerable: d.enumerable,
      configurable: false,
    });
  }
}
