/**
 * Schemas built on first use rather than at module evaluation: constructing zod schemas costs
 * tens of milliseconds on a slow phone, and the draft, outbox and response schemas are not needed
 * before the first question is on screen.
 */

/**
 * A stand-in for the object `build` returns, which builds it the first time any of its
 * properties is read (`parse`, `safeParse`, zod's internals), and is that object from then on.
 * Exported schemas keep their names and types; only their construction moves. Marked free of side
 * effects, so the bundle drops a lazy schema that nothing in it uses.
 */
/*@__NO_SIDE_EFFECTS__*/
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  return new Proxy({} as T, {
    get(_, key) {
      const real = target();
      const value: unknown = Reflect.get(real, key, real);
      // Methods run on the real schema, which zod's own code also reaches through `this`.
      return typeof value === 'function' ? value.bind(real) : value;
    },
    has: (_, key) => Reflect.has(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}
