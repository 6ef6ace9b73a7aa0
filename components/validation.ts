/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Throws `[field] must be ...` unless `value` is a whole number in `[min, max]`. */
export function checkWholeNumber(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`[${field}] must be a whole number between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** Throws unless `days` is a retention period CloudWatch Logs accepts. */
export function checkLogRetention(field: string, days: number): number {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new Error(`[${field}] must be one of ${LOG_RETENTION_DAYS.join(", ")}, got ${days}`);
  }
  return days;
}

/**
 * A physical name that is unique per project, stack and component instance, for resources AWS
 * names from our input (log groups): two stacks in one account must not collide.
 */
export function physicalName(project: string, stack: string, name: string, suffix: string): string {
  return `${project}-${stack}-${name}-${suffix}`;
}
