// What both stores share: how a response becomes a row, and how two stored bodies are compared.
// Kept apart from store.js (which chooses and loads a store) so the stores import nothing that
// imports them.

/** Rows read per query when streaming. */
export const BATCH_SIZE = 500;

/** The columns kept beside each response's JSON, for filtering without parsing it. */
export function rowValues(response, receivedAt, flags = null) {
  return {
    flags,
    id: response.id,
    surveyId: response.surveyId,
    surveyVersion: response.surveyVersion,
    receivedAt: receivedAt.toISOString(),
    body: JSON.stringify(response),
  };
}

/**
 * Whether two JSON texts hold the same value, whatever the order of their keys: a resent
 * response (the same bytes) is a duplicate, a different one under the same id is a conflict.
 */
export function sameContent(a, b) {
  if (a === b) return true;
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return false;
  }
}

/** JSON text with object keys sorted, so equal values give equal text. */
export function canonical(value) {
  return JSON.stringify(value, (key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((name) => [name, item[name]]),
        )
      : item,
  );
}

/** The `flagged` filter as SQL over the flags column (text: reasons joined by commas). */
export function flaggedClause(flagged) {
  if (flagged === 'exclude') return 'flags IS NULL';
  if (flagged === 'only') return 'flags IS NOT NULL';
  return undefined;
}

/** SQL that counts the rows flagged for each reason: `reason_<name>` columns. */
export function reasonCounts(reasons) {
  return reasons
    .map(
      (reason) =>
        `COALESCE(SUM(CASE WHEN ',' || flags || ',' LIKE '%,${reason},%' THEN 1 ELSE 0 END), 0)` +
        ` AS reason_${reason}`,
    )
    .join(', ');
}
