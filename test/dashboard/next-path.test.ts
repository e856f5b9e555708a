import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from '../../web/dashboard/src/auth/next-path.js';

describe('where sign-in sends the member back to', () => {
  it('keeps the page, its filters and its fragment', () => {
    expect(signInPath({ pathname: '/transactions', search: '?status=succeeded&from=2025-01-01', hash: '' }, 'expired')).toBe(
      '/sign-in?next=%2Ftransactions%3Fstatus%3Dsucceeded%26from%3D2025-01-01&reason=expired',
    );
    const next = new URLSearchParams(signInPath({ pathname: '/forms/form_1', search: '', hash: '#embed' }).split('?')[1]).get('next');
    expect(safeNextPath(next)).toBe('/forms/form_1#embed');
  });

  it('leaves out Home and the signed-out pages', () => {
    expect(signInPath({ pathname: '/', search: '' })).toBe('/sign-in');
    expect(signInPath({ pathname: '/sign-in', search: '?next=/x' }, 'expired')).toBe('/sign-in?reason=expired');
  });

  it('never sends anyone to another site or back to a sign-in page', () => {
    for (const bad of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, undefined, '/sign-in?next=/x', '/invite#t']) {
      expect(safeNextPath(bad)).toBe('/');
    }
    expect(safeNextPath('/products/prod_1?newPrice=1')).toBe('/products/prod_1?newPrice=1');
  });
});
