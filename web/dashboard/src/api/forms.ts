import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataKey } from '../auth/session.js';
import type { ArchivedFilter } from './catalog.js';
import { api } from './client.js';
import { useApiMutation } from './mutation.js';
import { cursorPaging, fetchAllPages } from './pages.js';
import type { FormInput, Page, PaymentForm } from './types.js';

export function useForms(filter: ArchivedFilter) {
  const key = useDataKey();
  return useInfiniteQuery({
    queryKey: key('forms', filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<PaymentForm>>('/api/v1/forms', { archived: filter === 'all' ? undefined : filter === 'archived', cursor: pageParam, limit: 50 }),
    ...cursorPaging,
  });
}

/** Every form of the mode (filters and onboarding). */
export function useAllForms() {
  const key = useDataKey();
  return useQuery({ queryKey: key('forms', 'every'), queryFn: () => fetchAllPages<PaymentForm>('/api/v1/forms') });
}

export function useForm(formId: string | undefined) {
  const key = useDataKey();
  return useQuery({
    queryKey: key('form', formId),
    queryFn: () => api.get<PaymentForm>(`/api/v1/forms/${encodeURIComponent(formId!)}`),
    enabled: formId !== undefined,
  });
}

export const useCreateForm = () => useApiMutation((input: FormInput) => api.post<PaymentForm>('/api/v1/forms', input), { success: (f) => `Form “${f.name}” created.` });

export const useUpdateForm = (formId: string) =>
  useApiMutation((input: Partial<FormInput> & { archived?: boolean }) => api.patch<PaymentForm>(`/api/v1/forms/${encodeURIComponent(formId)}`, input), {
    success: (f, input) => (input.archived === false ? `“${f.name}” restored.` : 'Form saved.'),
  });

export const useArchiveForm = (formId: string) =>
  useApiMutation(() => api.post<PaymentForm>(`/api/v1/forms/${encodeURIComponent(formId)}/archive`), { success: (f) => `“${f.name}” archived.` });

/** The receipt a form's buyers get, as it would be sent (a sample order). */
export function useReceiptPreview(formId: string | undefined, language: 'en' | 'fr' | 'de') {
  const key = useDataKey();
  return useQuery({
    queryKey: key('receipt-preview', formId, language),
    queryFn: () => api.get<{ subject: string; text: string; html: string }>(`/api/v1/forms/${encodeURIComponent(formId!)}/receipt-preview?language=${language}`),
    enabled: formId !== undefined,
  });
}
