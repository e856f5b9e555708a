import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logging/logger.js';
import { luhnValid, redactCardNumbers, redactValue } from '../../src/platform/logging/redact.js';

const REDACTED_CARD = '[card redacted]';

/** Stripe test cards in the shapes people paste them: grouped by spaces, by dashes, or not at all. */
const cards: [string, string][] = [
  ['Visa with spaces', '4242 4242 4242 4242'],
  ['Visa with dashes', '4242-4242-4242-4242'],
  ['Visa (3-D Secure) without separators', '4000002760003184'],
  ['Amex (15 digits)', '378282246310005'],
  ['Amex grouped 4-6-5', '3782 822463 10005'],
  ['Mastercard 2-series', '2223003122003222'],
];

/** Appends the Luhn check digit to `body`, so tests can make valid and invalid numbers of any length. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}
const breakCheckDigit = (number: string) => number.slice(0, -1) + ((Number(number.at(-1)) + 1) % 10);
const digitsOnly = (text: string) => text.replace(/[^0-9]/g, '');

describe('card numbers in text', () => {
  it.each(cards)('redacts a %s', (_label, card) => {
    expect(luhnValid(digitsOnly(card))).toBe(true);
    const text = `payment failed for card ${card} at checkout`;
    expect(redactCardNumbers(text)).toBe(`payment failed for card ${REDACTED_CARD} at checkout`);
  });

  it('redacts every card in a text and card numbers touching punctuation', () => {
    const text = `cards=${cards[0][1]},${cards[3][1]};"${cards[2][1]}"`;
    const out = redactCardNumbers(text);
    expect(out).toBe(`cards=${REDACTED_CARD},${REDACTED_CARD};"${REDACTED_CARD}"`);
  });

  it('redacts card numbers in query strings and JSON bodies', () => {
    expect(redactCardNumbers('/pay?number=4242424242424242&cvc=123')).toBe(`/pay?number=${REDACTED_CARD}&cvc=123`);
    expect(redactCardNumbers(JSON.stringify({ n: '378282246310005' }))).toBe(JSON.stringify({ n: REDACTED_CARD }));
  });

  it('redacts any Luhn-valid number of 13 to 19 digits, however it is grouped (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 13, max: 19 }).chain((length) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${length - 2}}$`))),
        fc.constantFrom('', ' ', '-'),
        (body, separator) => {
          const card = withCheckDigit(body);
          const grouped = card.match(/.{1,4}/g)!.join(separator);
          const out = redactCardNumbers(`card: ${grouped}.`);
          expect(out).toBe(`card: ${REDACTED_CARD}.`);
        },
      ),
    );
  });

  it('keeps the same numbers when the Luhn check fails (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{14}$/), (body) => {
        const notACard = breakCheckDigit(withCheckDigit(body));
        expect(luhnValid(notACard)).toBe(false);
        expect(redactCardNumbers(`ref ${notACard}`)).toBe(`ref ${notACard}`);
      }),
    );
  });

  it('keeps a 16-digit number that fails the Luhn check', () => {
    const notACard = breakCheckDigit('4242424242424242');
    expect(redactCardNumbers(`order ${notACard}`)).toBe(`order ${notACard}`);
  });

  it('keeps Luhn-valid numbers too short or too long to be a card', () => {
    const twelve = withCheckDigit('42424242424');
    const twenty = withCheckDigit('4242424242424242424');
    expect(twelve).toHaveLength(12);
    expect(twenty).toHaveLength(20);
    expect(redactCardNumbers(`a ${twelve} b ${twenty}`)).toBe(`a ${twelve} b ${twenty}`);
  });

  it('keeps ordinary numbers, dates, amounts and ids', () => {
    const ordinary = [
      'amount 1999 EUR',
      'total 1999, 2999 and 4999 cents',
      'at 2025-01-15T10:42:07.123Z',
      'epoch 1736937727',
      'phone +1 415-555-0100',
      `account ${crypto.randomBytes(16).toString('hex')}`,
      `user ${crypto.randomUUID()}`,
      'pi_3QfKx2LkdIwHu7ix0a1b2c3d',
    ];
    for (const text of ordinary) expect(redactCardNumbers(text)).toBe(text);
  });
});

describe('redactValue (structured log data)', () => {
  it('redacts card numbers in nested objects and arrays', () => {
    const input = {
      payment: { buyer: { note: `paid with ${cards[0][1]}` }, attempts: [cards[1][1], { pan: cards[3][1] }] },
      amount: 1999,
    };
    expect(redactValue(input)).toEqual({
      payment: { buyer: { note: `paid with ${REDACTED_CARD}` }, attempts: [REDACTED_CARD, { pan: REDACTED_CARD }] },
      amount: 1999,
    });
  });

  it('redacts a card number held as a JSON number but keeps other numbers', () => {
    const epochSeconds = Math.floor(Date.now() / 1000);
    expect(redactValue({ pan: 4242424242424242, amount: 1999, at: epochSeconds, n: Number(breakCheckDigit('4242424242424242')) })).toEqual({
      pan: REDACTED_CARD,
      amount: 1999,
      at: epochSeconds,
      n: Number(breakCheckDigit('4242424242424242')),
    });
  });

  it.each(['authorization', 'Authorization', 'cookie', 'set-cookie', 'password', 'secret', 'client_secret', 'webhook_secret', 'token', 'access_token', 'api_key', 'stripe-signature', 'cvc'])(
    'replaces the value under "%s" with [redacted], at any depth',
    (key) => {
      const value = `v-${crypto.randomBytes(8).toString('hex')}`;
      const out = redactValue({ [key]: value, nested: { deeper: [{ [key]: { any: value } }] } });
      expect(out).toEqual({ [key]: '[redacted]', nested: { deeper: [{ [key]: '[redacted]' }] } });
      expect(JSON.stringify(out)).not.toContain(value);
    },
  );

  it('keeps values under ordinary keys', () => {
    const input = { email: 'ada@example.com', accountId: crypto.randomBytes(16).toString('hex'), amount: 1999, currency: 'eur', status: 'succeeded' };
    expect(redactValue(input)).toEqual(input);
  });

  it('does not change the object it was given', () => {
    const input = { headers: { authorization: 'Bearer abc' }, note: cards[0][1] };
    const copy = structuredClone(input);
    redactValue(input);
    expect(input).toEqual(copy);
  });

  it('redacts card numbers in an error message and stack', () => {
    const out = redactValue({ err: new Error(`declined ${cards[2][1]}`) }) as { err: { message: string; stack: string } };
    expect(out.err.message).toBe(`declined ${REDACTED_CARD}`);
    expect(out.err.stack).not.toContain(cards[2][1]);
  });
});

describe('createLogger', () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, logger: createLogger('info', stream) };
  }

  /** Fails when `output` contains the digits of any test card, whatever separators sit between them. */
  function expectNoCardDigits(output: string) {
    const digitRuns = output.replace(/(\d)[ -](?=\d)/g, '$1');
    for (const [, card] of cards) expect(digitRuns).not.toContain(digitsOnly(card));
  }

  it('writes no card number and no Authorization value from a logged object and message', () => {
    const { lines, logger } = capture();
    const bearer = `Bearer sk_live_${crypto.randomBytes(12).toString('hex')}`;
    const session = crypto.randomBytes(16).toString('hex');
    logger.info(
      {
        headers: { authorization: bearer, cookie: `opp_session=${session}`, 'content-type': 'application/json' },
        body: { card: { number: cards[0][1], cvc: '123' }, note: `buyer typed ${cards[1][1]}`, amount: 1999 },
        attempts: [cards[2][1], Number(digitsOnly(cards[3][1]))],
      },
      `charging ${cards[4][1]} for 1999`,
    );
    logger.warn('retrying card %s for %s', cards[5][1], 'ada@example.com');

    const output = lines.join('');
    expect(lines).toHaveLength(2);
    expectNoCardDigits(output);
    expect(output).not.toContain(bearer.split(' ')[1]);
    expect(output).not.toContain(session);
    // The lines are still useful: what is not secret is kept.
    const first = JSON.parse(lines[0]);
    expect(first.msg).toBe(`charging ${REDACTED_CARD} for 1999`);
    expect(first.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'content-type': 'application/json' });
    expect(first.body.amount).toBe(1999);
    expect(JSON.parse(lines[1]).msg).toBe(`retrying card ${REDACTED_CARD} for ada@example.com`);
  });

  it('writes no card number from an error logged alone or under err', () => {
    const { lines, logger } = capture();
    logger.error(new Error(`provider said: invalid number ${cards[0][1]}`));
    logger.error({ err: new Error(`declined ${cards[3][1]}`) }, 'payment failed');
    const output = lines.join('');
    expect(lines).toHaveLength(2);
    expectNoCardDigits(output);
    expect(JSON.parse(lines[0]).msg).toBe(`provider said: invalid number ${REDACTED_CARD}`);
    expect(JSON.parse(lines[1]).err.message).toBe(`declined ${REDACTED_CARD}`);
  });

  it('redacts card numbers and credentials in a logged request object', () => {
    const { lines, logger } = capture();
    logger.info({ req: { method: 'GET', url: `/pay?pan=${digitsOnly(cards[0][1])}`, id: 'req-1', headers: { authorization: 'Bearer x' } } }, 'incoming');
    const line = JSON.parse(lines[0]);
    expect(line.req).toEqual({ method: 'GET', url: `/pay?pan=${REDACTED_CARD}`, id: 'req-1', headers: { authorization: '[redacted]' } });
  });
  it("writes no buyer's details from a failed query: its parameters and the database's detail are cut", async () => {
    const { DrizzleQueryError } = await import('drizzle-orm/errors');
    const { lines, logger } = capture();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "contacts_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(grace@example.com) already exists.',
    });
    const err = new DrizzleQueryError('insert into contacts (email, first_name, client_ip) values ($1, $2, $3)', ['grace@example.com', 'Grace', '203.0.113.9'], cause);
    logger.error({ err }, 'unhandled error');
    logger.error(err);
    const output = lines.join('');
    expect(lines).toHaveLength(2);
    for (const secret of ['grace@example.com', 'Grace', '203.0.113.9']) expect(output).not.toContain(secret);
    expect(output).toContain('insert into contacts');
    expect(JSON.parse(lines[0]).err.message).toMatch(/params: \[redacted\]/);
  });
});
