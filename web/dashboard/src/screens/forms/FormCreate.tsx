import { useNavigate } from 'react-router';
import { useCreateForm } from '../../api/forms.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { emptyFormDraft } from './form-draft.js';
import { FormEditor } from './FormEditor.js';

export default function FormCreate() {
  const create = useCreateForm();
  const navigate = useNavigate();
  const canEdit = useCan('admin');
  return (
    <>
      <PageHeader title="New payment form" back={{ to: '/forms', label: 'Payment forms' }} />
      {canEdit ? (
        <FormEditor
          initial={emptyFormDraft()}
          submitLabel="Create form"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input, { onSuccess: (form) => navigate(`/forms/${form.id}`, { replace: true }) })}
        />
      ) : (
        <p className="callout">Viewers cannot create forms; ask an admin.</p>
      )}
    </>
  );
}
