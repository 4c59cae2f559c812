import type { RouteContract } from './contract.ts';

/**
 * GET SubjectQuery (`?organizationId=…` or `?userId=…`): the subject's rows of every `@subject`
 * type the serving subgraph owns, as JSON Lines (see PART_MARKER). Lifecycle collects a data
 * export from every subgraph through it.
 */
export const subjectDataExportRoute = {
  path: '/internal/lifecycle/export',
  method: 'GET',
  owner: 'every subgraph',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const SUBJECT_EXPORT_PATH = subjectDataExportRoute.path;

/**
 * The response's format: for each type, a line `#<Type>`, then its records, one JSON object per
 * line with the `@export` fields only. A record never starts with `#`, so no line needs parsing.
 */
export const PART_MARKER = '#';

/** Reads a whole export stream (small ones: tests and tools) into records by type. */
export function readExportStream(text: string): Map<string, Record<string, unknown>[]> {
  const records = new Map<string, Record<string, unknown>[]>();
  let current: Record<string, unknown>[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith(PART_MARKER)) {
      current = [];
      records.set(line.slice(PART_MARKER.length), current);
    } else if (line) {
      if (!current) throw new Error('Export stream: records before any part');
      current.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return records;
}
