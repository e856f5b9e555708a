import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { apiQuery, type TransactionFilters } from '../lib/transaction-filters.js';
import { api } from './client.js';
import { useApiMutation } from './mutation.js';
import { cursorPaging } from './pages.js';
import type { ContactDetail, Contact, Page, Refund, RevenueSummary, SearchResults, TransactionDetail, TransactionPage } from './types.js';

export function useTransactions(filters: TransactionFilters) {
  const key = useDataKey();
  const query = apiQuery(filters);
  return useInfiniteQuery({
    queryKey: key('transactions', query),
    queryFn: ({ pageParam }) => api.get<TransactionPage>('/api/v1/transactions', { ...query, cursor: pageParam, limit: 25 }),
    ...cursorPaging,
  });
}

/** The currencies this mode's payments were made in (the unfiltered totals'), for the currency filter. */
export function useUsedCurrencies() {
  const key = useDataKey();
  return useQuery({
    queryKey: key('used-currencies'),
    queryFn: async () => (await api.get<TransactionPage>('/api/v1/transactions', { limit: 1 })).totals.currencies.map((c) => c.currency),
  });
}

export function useRevenueSummary(filters: TransactionFilters, interval: RevenueSummary['interval']) {
  const key = useDataKey();
  const query = apiQuery(filters);
  return useQuery({
    queryKey: key('transactions-summary', query, interval),
    queryFn: () => api.get<RevenueSummary>('/api/v1/transactions/summary', { ...query, interval }),
  });
}

export function useTransaction(transactionId: string) {
  const key = useDataKey();
  return useQuery({ queryKey: key('transaction', transactionId), queryFn: () => api.get<TransactionDetail>(`/api/v1/transactions/${encodeURIComponent(transactionId)}`) });
}

export const useRefund = (transactionId: string) =>
  useApiMutation((input: { amount?: number; reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent' }) =>
    api.post<Refund>(`/api/v1/transactions/${encodeURIComponent(transactionId)}/refunds`, input),
  );

/** The search box: payments and buyers matching an id, an email or a name (nothing is asked for an empty query). */
export function useSearch(q: string) {
  const key = useDataKey();
  return useQuery({ queryKey: key('search', q), queryFn: () => api.get<SearchResults>('/api/v1/search', { q }), enabled: q.trim() !== '' });
}

export function useContacts(email: string) {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('contacts', email),
    queryFn: ({ pageParam }) => api.get<Page<Contact>>('/api/v1/contacts', { email: email.trim(), cursor: pageParam, limit: 25 }),
    ...cursorPaging,
  });
}

export function useContact(contactId: string) {
  const key = useDataKey();
  return useQuery({ queryKey: key('contact', contactId), queryFn: () => api.get<ContactDetail>(`/api/v1/contacts/${encodeURIComponent(contactId)}`) });
}
