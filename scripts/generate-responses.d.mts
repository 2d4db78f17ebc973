// Types for scripts/generate-responses.mjs, so TypeScript tests can import it.
export interface ExpectedCounts {
  count: number;
  answered: Record<string, number>;
  words: Record<string, Record<string, { kept: number; removed: number }>>;
  options: Record<string, Record<string, number>>;
  scale: Record<string, Record<string, number>>;
  text: Record<string, string[]>;
}
export interface Generated<R> {
  responses: R[];
  expected: { all: ExpectedCounts; groups: Record<string, ExpectedCounts> };
}
export function random(seed: number): () => number;
export function generateResponses<R = unknown>(options: {
  definition: unknown;
  tokenize: (statement: string) => { position: number; word: string }[];
  count: number;
  seed?: number;
  start?: string;
  days?: number;
  widgetVersion?: string;
}): Generated<R>;
