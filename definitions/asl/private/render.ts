/**
 * Small rendering helpers shared by the state classes. Keys whose value is `undefined` are left out,
 * so the rendered ASL carries only what the author set (and stays stable for snapshot tests).
 */

/** Copies `fields` without the keys whose value is `undefined` (but keeps `null`: it means "discard"). */
export function compact<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** `undefined` for an empty array, so optional list fields (Retry, Catch) are left out when empty. */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}
