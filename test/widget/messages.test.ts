import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/widget/api.js';
import { startWidget } from '../../web/widget/discover.js';
import { tables } from '../../web/widget/strings.js';
import { messageFor } from '../../web/widget/widget.js';

const t = tables.en;

describe('widget error messages', () => {
  it('says what the buyer can do for each kind of failure', () => {
    expect(messageFor(new ApiError(0, 'network', 'x'), t)).toBe(t.network);
    expect(messageFor(new ApiError(404, 'not_found', 'Form not found.'), t)).toBe(t.notFound);
    expect(messageFor(new ApiError(429, 'rate_limited', 'Too many payments from this address.', 60), t)).toBe('Too many payments from this address. Please try again in 60 seconds.');
    expect(messageFor(new ApiError(400, 'validation_failed', 'contact.email must be an email address.'), t)).toBe('contact.email must be an email address.');
    expect(messageFor(new ApiError(500, 'internal', 'stack trace…'), t)).toBe(t.generic);
    expect(messageFor(new Error('boom'), t)).toBe(t.generic);
  });

  it('the entry point is a function (the bundle calls it; importing it has no side effects)', () => {
    expect(typeof startWidget).toBe('function');
  });
});
