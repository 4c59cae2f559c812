import { badInput } from '../../../../platform/errors.ts';
import { RETENTION_FLOORS } from '../../../../contracts/retention.ts';

export const RETENTION_CATEGORIES = ['SIGN_IN_ATTEMPTS', 'SESSIONS', 'AUDIT_EVENTS', 'EXPORTS'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/**
 * What each category is kept for when the organization set no rule, and the least it accepts. The
 * schema's descriptions of RetentionCategory say the same: change both together.
 */
export const CATEGORY_POLICIES: Record<RetentionCategory, { defaultKeepFor: string; minimum: string }> = {
  SIGN_IN_ATTEMPTS: { defaultKeepFor: 'P1Y', minimum: `P${RETENTION_FLOORS.signInAttemptsDays}D` },
  SESSIONS: { defaultKeepFor: 'P90D', minimum: `P${RETENTION_FLOORS.sessionsDays}D` },
  AUDIT_EVENTS: { defaultKeepFor: 'P12M', minimum: `P${RETENTION_FLOORS.auditMonths}M` },
  EXPORTS: { defaultKeepFor: 'P30D', minimum: 'P1D' },
};

/** The longest any category may be kept: beyond it a value is a mistake, not a policy. */
export const MAXIMUM_KEEP_FOR = 'P10Y';

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// ISO-8601 durations with designators, whole numbers only: P1Y2M3W4DT5H6M7S, any part optional
// but at least one, and a T only before a time part.
const DURATION =
  /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,8})H)?(?:(\d{1,8})M)?(?:(\d{1,10})S)?)?$/;

/** The duration, or null when the text is not a strict ISO-8601 duration. */
export function parseDuration(text: string): Duration | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P') return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  return {
    years: years!,
    months: months!,
    weeks: weeks!,
    days: days!,
    hours: hours!,
    minutes: minutes!,
    seconds: seconds!,
  };
}

/** Length in days for comparisons: a year counts 365 days, a month 30. */
export const nominalDays = (d: Duration): number =>
  d.years * 365 + d.months * 30 + d.weeks * 7 + d.days + d.hours / 24 + d.minutes / 1440 + d.seconds / 86_400;

const daysOf = (iso: string) => nominalDays(parseDuration(iso)!);

/** Audit keeps whole months: the duration rounded up (never kept shorter than asked), at least 12. */
export function auditMonthsOf(keepFor: string): number {
  const d = parseDuration(keepFor);
  if (!d) throw new Error(`Not a duration: ${keepFor}`);
  const rest = d.weeks * 7 + d.days + d.hours / 24 + d.minutes / 1440 + d.seconds / 86_400;
  return Math.max(RETENTION_FLOORS.auditMonths, d.years * 12 + d.months + Math.ceil(rest / 30));
}

export interface RetentionRuleInput {
  category: RetentionCategory;
  keepFor: string;
}

/**
 * Checks a whole policy before anything is written: one rule per category, each an ISO-8601
 * duration between its category's minimum and MAXIMUM_KEEP_FOR. Throws BAD_USER_INPUT naming the
 * offending field (`rules.<index>.keepFor`).
 */
export function parseRules(rules: readonly RetentionRuleInput[]): RetentionRuleInput[] {
  const seen = new Set<RetentionCategory>();
  return rules.map(({ category, keepFor }, index) => {
    if (seen.has(category)) {
      throw badInput(`${category} has more than one rule: give one per category`, `rules.${index}.category`);
    }
    seen.add(category);
    const field = `rules.${index}.keepFor`;
    const duration = parseDuration(keepFor);
    if (!duration) {
      throw badInput('keepFor must be an ISO-8601 duration such as P30D, P12M or P1Y', field);
    }
    const { minimum } = CATEGORY_POLICIES[category];
    if (nominalDays(duration) < daysOf(minimum)) {
      throw badInput(`${category} must be kept at least ${minimum}`, field);
    }
    if (nominalDays(duration) > daysOf(MAXIMUM_KEEP_FOR)) {
      throw badInput(`${category} may be kept at most ${MAXIMUM_KEEP_FOR}`, field);
    }
    return { category, keepFor };
  });
}

/** A stored rule (a row of lifecycle.retention_rules). */
export interface StoredRule {
  category: RetentionCategory;
  keepFor: string;
  updatedAt: Date;
}

/** One category of an organization's policy as the API shows it. */
export interface EffectiveRule {
  organizationId: string;
  category: RetentionCategory;
  keepFor: string;
  isDefault: boolean;
  minimum: string;
  updatedAt: Date | null;
}

/** Every category, in RETENTION_CATEGORIES order: the stored rule, or the default. */
export function effectivePolicy(organizationId: string, stored: readonly StoredRule[]): EffectiveRule[] {
  return RETENTION_CATEGORIES.map((category) => {
    const rule = stored.find((r) => r.category === category);
    const { defaultKeepFor, minimum } = CATEGORY_POLICIES[category];
    return {
      organizationId,
      category,
      keepFor: rule?.keepFor ?? defaultKeepFor,
      isDefault: !rule,
      minimum,
      updatedAt: rule?.updatedAt ?? null,
    };
  });
}

export const keepForOf = (policy: readonly EffectiveRule[], category: RetentionCategory): string =>
  policy.find((rule) => rule.category === category)!.keepFor;
