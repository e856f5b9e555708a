import { randomBytes, randomUUID } from 'node:crypto';

const upperAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** 17 characters, as PayPal's order, capture and refund ids (e.g. `5O190127TN364715T`). */
export const resourceId = (): string => randomFrom(upperAlnum, 17);
/** 13 characters, as a payer id or merchant id (e.g. `FSMVU44LF3YUS`). */
export const accountId = (): string => randomFrom(upperAlnum, 13);
/** 13 lowercase hex characters, as PayPal's `debug_id`. */
export const debugId = (): string => randomBytes(7).toString('hex').slice(0, 13);
export const webhookId = (): string => randomFrom(upperAlnum, 17);
export const eventId = (): string => `WH-${randomFrom(upperAlnum, 17)}-${randomFrom(upperAlnum, 17)}`;
export const transmissionId = (): string => randomUUID();
export const clientId = (): string => `A${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 79)}`;
export const clientSecret = (): string => `E${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 79)}`;
export const accessToken = (): string => `A21AA${randomBytes(48).toString('base64url')}`;
export const appId = (): string => `APP-${randomFrom(upperAlnum, 17)}`;

/** PayPal's timestamps: ISO 8601 in UTC without milliseconds. */
export const paypalTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
