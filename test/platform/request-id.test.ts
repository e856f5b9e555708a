import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdPattern } from '../../src/platform/http/request-id.js';
import { containsCardNumber } from '../../src/platform/logging/redact.js';

describe('request ids', () => {
  it('are unique and never look like a card number to the log redaction', () => {
    const ids = Array.from({ length: 100_000 }, newRequestId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(requestIdPattern);
    expect(ids.filter(containsCardNumber)).toEqual([]);
  });

  it('would with hex: the check above catches a generator that can', () => {
    // The earlier `req_` + 24 hex characters: about 1 in 900 held a Luhn-valid run of 13+ digits.
    const hex = Array.from({ length: 100_000 }, () => `req_${crypto.randomBytes(12).toString('hex')}`);
    expect(hex.filter(containsCardNumber).length).toBeGreaterThan(0);
  });
});
