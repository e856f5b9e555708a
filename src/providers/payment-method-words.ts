/** How a payment was paid, as stored with it (ProviderPayment.method; every field null before the provider said). */
export interface StoredMethod {
  type: string | null;
  brand: string | null;
  last4: string | null;
  email: string | null;
}

const brands: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', jcb: 'JCB', diners: 'Diners Club', unionpay: 'UnionPay' };
const methods: Record<string, string> = { sepa_debit: 'SEPA Direct Debit', klarna: 'Klarna', paypal: 'PayPal', apple_pay: 'Apple Pay', google_pay: 'Google Pay', link: 'Link' };

/** How the buyer paid, in words: "Visa •••• 4242", "SEPA Direct Debit •••• 3201", "PayPal (ada@example.com)". */
export function methodWords(method: StoredMethod): string | null {
  if (!method.type) return null;
  const name = method.type === 'card' ? (brands[method.brand ?? ''] ?? 'Card') : (methods[method.type] ?? method.type);
  if (method.last4) return `${name} •••• ${method.last4}`;
  if (method.email) return `${name} (${method.email})`;
  return name;
}
