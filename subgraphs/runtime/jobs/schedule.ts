/**
 * A cron (UTC) for "every `hours` hours" at wall-clock times: on the hour, at hours divisible by
 * it (a divisor of 24), or at midnight every `hours / 24` days (a multiple of 24); null for 0.
 */
export function cronEveryHours(hours: number): string | null {
  if (hours === 0) return null;
  if (Number.isInteger(hours) && hours % 24 === 0) return `0 0 */${hours / 24} * *`;
  if (Number.isInteger(hours) && 24 % hours === 0) return `0 */${hours} * * *`;
  throw new Error(`Every ${hours} hours is not a wall-clock schedule: use a divisor or a multiple of 24`);
}
