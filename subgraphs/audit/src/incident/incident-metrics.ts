import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../../../../platform/metrics.ts';

/** The notification queue's failures, and what is undelivered near its deadline (alert on > 0). */
export function createIncidentMetrics(metrics: Metrics | undefined) {
  const registers = metrics ? [metrics.registry] : [];
  return {
    failures: new Counter({
      name: 'steward_incident_notification_failures_total',
      help: 'Failed attempts to notify an organization of an incident (a mail refused, a lookup failed); each is retried',
      registers,
    }),
    nearDeadline: new Gauge({
      name: 'steward_incident_notifications_near_deadline',
      help: 'Affected organizations not yet notified of an incident within the alert window of its deadline',
      registers,
    }),
  };
}

export type IncidentMetrics = ReturnType<typeof createIncidentMetrics>;
