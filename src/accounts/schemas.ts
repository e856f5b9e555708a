import { Type, type Static } from '@sinclair/typebox';
import { passwordRules } from './password-rules.js';

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'An email address' });
export const Password = Type.String({ minLength: 1, maxLength: passwordRules.maxLength });
export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('viewer')]);
export const ModeSchema = Type.Union([Type.Literal('test'), Type.Literal('live')]);
export const AccountId = Type.String({ pattern: '^[0-9a-f]{32}$', description: '32 lowercase hex characters' });
export const Uuid = Type.String({ format: 'uuid' });

/** The emails the signed-in member chose to get about the current account (src/notifications/). */
export const NotificationsSchema = Type.Object({
  dailySummary: Type.Boolean({ description: "Yesterday's payments, refunds and failed syncs (UTC), each morning" }),
  syncFailures: Type.Boolean({ description: 'An alert when payments start failing to sync to HubSpot' }),
}, { additionalProperties: false });

export const MeSchema = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  account: Type.Object({ id: Type.String(), name: Type.String() }),
  role: RoleSchema,
  mode: ModeSchema,
  accounts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: RoleSchema })),
  /** How this server sends email (receipts): through SMTP_URL, to the sandbox's inbox (`inboxUrl`), or not at all. */
  email: Type.Object({ delivery: Type.Union([Type.Literal('smtp'), Type.Literal('sandbox_inbox'), Type.Literal('off')]), inboxUrl: Type.Union([Type.String(), Type.Null()]) }),
  notifications: NotificationsSchema,
});
export type Me = Static<typeof MeSchema>;

export const SignedInSchema = Type.Intersect([MeSchema, Type.Object({ csrfToken: Type.String() })]);

export const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Type.String({ format: 'date-time' }),
});

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), requestId: Type.String() }, { additionalProperties: true }),
});

/** For state-changing routes that take no input: no body, or an empty JSON object. */
export const NoBody = Type.Union([Type.Null(), Type.Object({}, { additionalProperties: false })]);

/**
 * The answer to sign-up and to an anonymous invite acceptance, the same whether the email was
 * registered or not (so neither tells anyone which emails exist): sign in next, through the
 * normal, throttled login.
 */
export const SignInNextSchema = Type.Object({ next: Type.Literal('sign_in'), email: Type.String() });
export type SignInNext = Static<typeof SignInNextSchema>;

export const InviteSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('viewer')]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** The answer to creating an invite: the link is shown this once. */
export const CreatedInviteSchema = Type.Intersect([
  InviteSchema,
  Type.Object({ inviteUrl: Type.String(), emailed: Type.Boolean({ description: 'The link was also emailed to the invitee (false when email is off)' }) }),
]);

export const AuditEntrySchema = Type.Object({
  id: Type.Number(),
  action: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
