import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import { api } from './client.js';
import { useApiMutation } from './mutation.js';
import { cursorPaging, fetchAllPages } from './pages.js';
import type { Page, Price, PriceInput, PriceUpdate, Product, ProductInput, ProductUpdate } from './types.js';

export type ArchivedFilter = 'active' | 'archived' | 'all';
const archivedParam = (filter: ArchivedFilter) => (filter === 'all' ? undefined : filter === 'archived');

export function useProducts(filter: ArchivedFilter) {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('products', filter),
    queryFn: ({ pageParam }) => api.get<Page<Product>>('/api/v1/products', { archived: archivedParam(filter), cursor: pageParam, limit: 50 }),
    ...cursorPaging,
  });
}

export function useProduct(productId: string) {
  const key = useDataKey();
  return useQuery({ queryKey: key('product', productId), queryFn: () => api.get<Product>(`/api/v1/products/${encodeURIComponent(productId)}`) });
}

/** Every price of the mode (or of one product), archived ones included; pickers filter. */
export function usePrices(productId?: string) {
  const key = useDataKey();
  return useQuery({ queryKey: key('prices', productId ?? 'all'), queryFn: () => fetchAllPages<Price>('/api/v1/prices', { productId }) });
}

/** Every product of the mode, for pickers and names. */
export function useAllProducts() {
  const key = useDataKey();
  return useQuery({ queryKey: key('products', 'every'), queryFn: () => fetchAllPages<Product>('/api/v1/products') });
}

export const useCreateProduct = () =>
  useApiMutation((input: ProductInput) => api.post<Product>('/api/v1/products', input), { success: (p) => `Product “${p.name}” created.` });

export const useUpdateProduct = (productId: string) =>
  useApiMutation((input: ProductUpdate) => api.patch<Product>(`/api/v1/products/${encodeURIComponent(productId)}`, input), {
    success: (p, input) => (input.archived === false ? `“${p.name}” restored.` : 'Product saved.'),
  });

export const useArchiveProduct = (productId: string) =>
  useApiMutation(() => api.post<Product>(`/api/v1/products/${encodeURIComponent(productId)}/archive`), { success: (p) => `“${p.name}” archived.` });

export const useCreatePrice = () => useApiMutation((input: PriceInput) => api.post<Price>('/api/v1/prices', input), { success: (p) => `Price ${p.display} added.` });

export const useUpdatePrice = () =>
  useApiMutation(({ priceId, ...input }: PriceUpdate & { priceId: string }) => api.patch<Price>(`/api/v1/prices/${priceId}`, input), {
    success: (p, input) => (input.archived === false ? `Price ${p.display} restored.` : `Price ${p.display} saved.`),
  });

export const useArchivePrice = () =>
  useApiMutation((priceId: string) => api.post<Price>(`/api/v1/prices/${priceId}/archive`), { success: (p) => `Price ${p.display} archived.` });
