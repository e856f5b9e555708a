import crypto from 'node:crypto';

/**
 * A request's id (`x-request-id`, `requestId` in error bodies, `reqId` in logs): `req_` and 24
 * base64url characters (144 random bits). Not hex: a hex id now and then holds a run of 13 or more
 * decimal digits that passes the Luhn check, which log redaction rightly takes for a card number.
 */
export const newRequestId = () => `req_${crypto.randomBytes(18).toString('base64url')}`;

export const requestIdPattern = /^req_[A-Za-z0-9_-]{24}$/;
