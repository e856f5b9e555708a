import { useParams } from 'react-router';
import { useArchiveForm, useForm, useUpdateForm } from '../../api/forms.js';
import type { PaymentForm } from '../../api/types.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { InlineError, QueryView } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { EmbedPanel } from './EmbedPanel.js';
import { ReceiptPreview } from './ReceiptPreview.js';
import { draftOfForm } from './form-draft.js';
import { FormEditor } from './FormEditor.js';

function ArchiveButton({ form }: { form: PaymentForm }) {
  const archive = useArchiveForm(form.id);
  const restore = useUpdateForm(form.id);
  return (
    <>
      {form.archived ? (
        <button type="button" className="button" disabled={restore.isPending} onClick={() => restore.mutate({ archived: false })}>
          Restore
        </button>
      ) : (
        <button type="button" className="button" disabled={archive.isPending} onClick={() => archive.mutate(undefined)}>
          Archive
        </button>
      )}
      <InlineError error={archive.error ?? restore.error} />
    </>
  );
}

function FormPage({ form }: { form: PaymentForm }) {
  const canEdit = useCan('admin');
  const update = useUpdateForm(form.id);
  return (
    <>
      <PageHeader title={form.name} back={{ to: '/forms', label: 'Payment forms' }} actions={canEdit && <ArchiveButton form={form} />}>
        <p className="muted">
          <StatusBadge status={form.archived ? 'archived' : 'active'} /> {form.currency.toUpperCase()} · <code>{form.id}</code>
        </p>
      </PageHeader>
      <EmbedPanel form={form} />
      <ReceiptPreview form={form} />
      <h2>Settings</h2>
      <FormEditor
        key={form.updatedAt}
        initial={draftOfForm(form)}
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        readOnly={!canEdit}
        onSubmit={(input) => update.mutate(input)}
      />
    </>
  );
}

export default function FormDetail() {
  const { formId } = useParams();
  const form = useForm(formId);
  return (
    <QueryView query={form} loadingLabel="Loading the form…">
      {(data) => <FormPage form={data} />}
    </QueryView>
  );
}
