import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../web/dashboard/src/api/types.js';
import { describeAuditEntry } from '../../web/dashboard/src/screens/audit/describe-audit-entry.js';

const entry = (action: string, target: string | null = null, metadata: Record<string, unknown> = {}): AuditEntry => ({ id: 1, action, actor: 'a@example.com', target, metadata, ip: null, createdAt: '' });

describe('audit entries in words', () => {
  it('says what happened', () => {
    expect(describeAuditEntry(entry('member.invited', 'v@example.com', { role: 'viewer' }))).toBe('Invited v@example.com as viewer');
    expect(describeAuditEntry(entry('member.role_changed', 'u1', { from: 'viewer', to: 'admin' }))).toBe("Changed a member's role from viewer to admin");
    expect(describeAuditEntry(entry('connection.created', 'stripe:test', { provider: 'stripe', mode: 'test', sandbox: true }))).toBe('Connected Stripe in test mode (sandbox)');
    expect(describeAuditEntry(entry('connection.removed', 'hubspot:live', { provider: 'hubspot', mode: 'live' }))).toBe('Disconnected HubSpot in live mode');
    expect(describeAuditEntry(entry('refund.created', 'pay_1'))).toBe('Refunded pay_1');
    expect(describeAuditEntry(entry('refund.created', 'pay_1', { amount: 1050, currency: 'usd' }))).toBe('Refunded $10.50 of pay_1');
    expect(describeAuditEntry(entry('product.created', 'prod_1', { name: 'Tee' }))).toBe('Created the product “Tee”');
    expect(describeAuditEntry(entry('product.updated', 'prod_1', { changes: { name: { from: 'Tee', to: 'T-shirt' }, description: { from: '', to: 'Soft' } } }))).toBe(
      'Changed the product prod_1: name “Tee” → “T-shirt”; description nothing → “Soft”',
    );
    expect(describeAuditEntry(entry('form.updated', 'form_1', { changes: { items: { from: [1], to: [1, 2] }, sync: { from: {}, to: {} } } }))).toBe(
      'Changed the payment form form_1: items 1 item(s) → 2 item(s); sync other settings → other settings',
    );
  });

  it('still reads well for actions added later on the server', () => {
    expect(describeAuditEntry(entry('sync.retried_all'))).toBe('Sync retried all');
    expect(describeAuditEntry(entry('form.archived', 'form_1'))).toBe('Form archived: form_1');
  });
});
