/** A field of a form defined in the stand-in (a contact property shown, or hidden, on the form). */
export interface FormField {
  name: string;
  label: string;
  /** HubSpot field types: text, email, phone, textarea, select, radio, checkbox, booleancheckbox, number, hidden… */
  fieldType: string;
  required: boolean;
  hidden: boolean;
  objectTypeId: string;
  defaultValue?: string;
  placeholder?: string;
  options?: { label: string; value: string }[];
}

export interface FormDef {
  guid: string;
  portalId: number;
  name: string;
  fields: FormField[];
  submitText: string;
  /** Shown after a successful submission unless `redirectUrl` is set. */
  inlineMessage: string;
  redirectUrl?: string;
  createdAt: number;
  updatedAt: number;
}

export interface SubmittedValue {
  objectTypeId: string;
  name: string;
  value: string;
}

export interface Submission {
  conversionId: string;
  portalId: number;
  formGuid: string;
  submittedAt: number;
  values: SubmittedValue[];
  context: Record<string, unknown>;
  /** The contact created or updated by the submission (absent when the form had no email). */
  contactId?: string;
  contactCreated?: boolean;
}
