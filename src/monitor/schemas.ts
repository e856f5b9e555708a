import { Type } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';
import { Nullable } from '../catalog/schemas.js';

export const MonitoredProviderSchema = Type.Union([Type.Literal('stripe'), Type.Literal('hubspot'), Type.Literal('paypal')]);
export const HealthStatusSchema = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('unknown')]);
const DateTime = Type.String({ format: 'date-time' });

export const ProviderHealthSchema = Type.Object({
  provider: MonitoredProviderSchema,
  mode: ModeSchema,
  status: HealthStatusSchema,
  reason: Type.String({ description: 'ok, rate_limited, timeout, unreachable, server_error, credentials_refused, misconfigured, error, not_checked' }),
  detail: Nullable(Type.String()),
  latencyMs: Type.Union([Type.Integer(), Type.Null()]),
  checkedAt: Nullable(DateTime),
  since: Nullable(DateTime),
  stale: Type.Boolean({ description: 'No check for longer than three intervals: monitoring is not running' }),
});

export const ReachabilitySchema = Type.Object({
  provider: MonitoredProviderSchema,
  target: Type.String(),
  status: HealthStatusSchema,
  reason: Type.String(),
  latencyMs: Type.Union([Type.Integer(), Type.Null()]),
  checkedAt: Nullable(DateTime),
  since: Nullable(DateTime),
  stale: Type.Boolean(),
});

export const ProviderHealthListSchema = Type.Object({
  data: Type.Array(ProviderHealthSchema),
  reachability: Type.Array(ReachabilitySchema),
  intervalSeconds: Type.Integer(),
});

export const StatusEventSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  reason: Type.String(),
  detail: Nullable(Type.String()),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
});

