import { describe, expect, it } from 'vitest';
import { apiQuery, filtersFromParams, hasFilters, noFilters, paramsFromFilters } from '../../web/dashboard/src/lib/transaction-filters.js';

describe('transactions filters in the URL', () => {
  it('round-trip through the query string, unknown statuses dropped', () => {
    const params = new URLSearchParams('from=2025-01-01&to=2025-01-31&status=succeeded,bogus&status=refunded&productId=prod_1&email=ada%40&provider=paypal&dispute=any&minAmount=1000&page=3');
    const filters = filtersFromParams(params);
    expect(filters).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
      status: ['succeeded', 'refunded'],
      productId: 'prod_1',
      formId: '',
      email: 'ada@',
      currency: '',
      provider: 'paypal',
      dispute: 'any',
      minAmount: '1000',
      maxAmount: '',
    });
    expect(paramsFromFilters(filters).toString()).toBe('from=2025-01-01&to=2025-01-31&productId=prod_1&email=ada%40&provider=paypal&dispute=any&minAmount=1000&status=succeeded%2Crefunded');
  });

  it('know when nothing is filtered', () => {
    expect(hasFilters(noFilters())).toBe(false);
    expect(hasFilters({ ...noFilters(), email: '  ' })).toBe(false);
    expect(hasFilters({ ...noFilters(), status: ['failed'] })).toBe(true);
  });

  it('send bare dates with the browser’s time zone, and nothing empty', () => {
    expect(apiQuery({ ...noFilters(), from: '2025-03-01', status: ['failed', 'canceled'] }, 'Europe/Paris')).toEqual({ from: '2025-03-01', status: 'failed,canceled', timezone: 'Europe/Paris' });
    expect(apiQuery({ ...noFilters(), email: 'bob' }, 'Europe/Paris')).toEqual({ email: 'bob' });
  });
});
