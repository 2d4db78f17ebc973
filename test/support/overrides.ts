/**
 * Temporary replacements of globals (console, IndexedDB methods) that undo themselves: call
 * `restoreAll()` in afterEach, and every override a test made is put back, newest first.
 */
const restores: (() => unknown)[] = [];

/** Runs `undo` when the test ends (after the others registered later). */
export function onRestore(undo: () => unknown): void {
  restores.push(undo);
}

/** Puts back everything replaced during the test; awaits undos that return promises. */
export async function restoreAll(): Promise<void> {
  while (restores.length) await restores.pop()!();
}

/** Replaces console.warn until the test ends; returns what it was given. */
export function captureWarnings(): unknown[][] {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  onRestore(() => (console.warn = original));
  return warnings;
}

/** Replaces a property or method for the rest of the test. */
export function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const original = target[key];
  target[key] = value;
  onRestore(() => (target[key] = original));
}
