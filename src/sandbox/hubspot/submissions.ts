import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { auth } from './auth.js';
import { newCorrelationId, notFound } from './errors.js';
import type { FormDef, Submission, SubmittedValue } from './form-types.js';
import { findForm } from './forms.js';
import { findByProperty, insertObject, updateValues } from './records.js';
import { hubspotControlPrefix, portalParam } from './sandbox-controls.js';
import type { HubSpotStore, Portal } from './store.js';
import { checkProperties, isValidEmail } from './validation.js';

interface SubmissionBody {
  fields?: { objectTypeId?: string; name?: string; value?: unknown }[];
  submittedAt?: string | number;
  context?: Record<string, unknown>;
}

interface SubmissionProblem {
  message: string;
  errorType: string;
}

const submitPath = '/submissions/v3/integration/submit/:portalId/:formGuid';

function cors(reply: FastifyReply) {
  reply.header('Access-Control-Allow-Origin', '*');
  reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
  reply.header('Access-Control-Allow-Headers', 'Content-Type');
  reply.header('Access-Control-Max-Age', '600');
}

/** The Forms submission API's 400: `{status, message:"The request is not valid", correlationId, errors:[{message, errorType}]}`. */
function invalid(reply: FastifyReply, errors: SubmissionProblem[]) {
  return reply.code(400).send({ status: 'error', message: 'The request is not valid', correlationId: newCorrelationId(), errors });
}

function checkSubmission(form: FormDef, values: SubmittedValue[]): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const byName = new Map(values.map((v) => [v.name, v.value]));
  for (const field of form.fields) {
    if (field.required && !byName.get(field.name)?.trim()) {
      problems.push({ message: `Error in 'fields.${field.name}'. Required field '${field.name}' is missing`, errorType: 'REQUIRED_FIELD' });
    }
  }
  const email = byName.get('email');
  if (email && !isValidEmail(email.trim().toLowerCase())) {
    problems.push({ message: "Error in 'fields.email'. Invalid email address", errorType: 'INVALID_EMAIL' });
  }
  return problems;
}

/**
 * Creates or updates the contact by email with the submitted contact fields that are contact properties.
 * Other fields are kept only in the stored submission, as HubSpot keeps them in the form's submissions.
 */
function applyToContact(store: HubSpotStore, portal: Portal, values: SubmittedValue[]): { contactId?: string; created?: boolean; problems: SubmissionProblem[] } {
  const contactValues: Record<string, string> = {};
  for (const v of values) {
    if (v.objectTypeId === '0-1' && portal.properties.contacts.has(v.name) && !portal.properties.contacts.get(v.name)!.readOnlyValue) {
      contactValues[v.name] = v.value;
    }
  }
  if (!contactValues.email) return { problems: [] };
  const existing = findByProperty(portal, 'contacts', 'email', contactValues.email);
  const checked = checkProperties(portal, 'contacts', contactValues, existing?.properties);
  if (checked.problems.length) {
    return { problems: checked.problems.map((p) => ({ message: `Error in 'fields.${p.name}'. ${p.message}`, errorType: p.code })) };
  }
  if (existing) {
    updateValues(store, 'contacts', existing, checked.values);
    return { contactId: existing.id, created: false, problems: [] };
  }
  return { contactId: insertObject(store, portal, 'contacts', checked.values).id, created: true, problems: [] };
}

export function renderSubmission(s: Submission) {
  return {
    conversionId: s.conversionId,
    portalId: s.portalId,
    formGuid: s.formGuid,
    submittedAt: s.submittedAt,
    values: s.values,
    context: s.context,
    contactId: s.contactId ?? null,
    contactCreated: s.contactCreated ?? null,
  };
}

/** The public submission endpoint (CORS open, no token) and the ways to read submissions back. */
export async function registerSubmissionRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.options(submitPath, async (_req, reply) => {
    cors(reply);
    return reply.code(204).send();
  });

  app.post(submitPath, async (req, reply) => {
    cors(reply);
    const { portalId, formGuid } = req.params as { portalId: string; formGuid: string };
    const found = findForm(store, Number(portalId), formGuid);
    if (!found) {
      return reply.code(404).send({
        status: 'error',
        message: `The form '${formGuid}' does not exist in portal ${portalId}`,
        correlationId: newCorrelationId(),
        errors: [{ message: `Form '${formGuid}' not found`, errorType: 'FORM_NOT_FOUND' }],
      });
    }
    const body = (req.body ?? {}) as SubmissionBody;
    if (!Array.isArray(body.fields)) return invalid(reply, [{ message: "Error in 'fields'. Some required fields were not completed.", errorType: 'REQUIRED_FIELD' }]);
    const values: SubmittedValue[] = body.fields.map((f) => ({
      objectTypeId: f?.objectTypeId ?? '0-1',
      name: String(f?.name ?? ''),
      value: Array.isArray(f?.value) ? f.value.join(';') : String(f?.value ?? ''),
    }));
    if (values.some((v) => !v.name)) return invalid(reply, [{ message: "Error in 'fields'. Every field needs a name", errorType: 'INVALID_INPUT' }]);
    const problems = checkSubmission(found.form, values);
    if (problems.length) return invalid(reply, problems);
    const applied = applyToContact(store, found.portal, values);
    if (applied.problems.length) return invalid(reply, applied.problems);

    const submittedAt = Number(body.submittedAt ?? store.clock.nowMs()) || store.clock.nowMs();
    found.portal.submissions.push({
      conversionId: randomUUID(),
      portalId: found.portal.portalId,
      formGuid,
      submittedAt,
      values,
      context: body.context ?? {},
      contactId: applied.contactId,
      contactCreated: applied.created,
    });
    return found.form.redirectUrl ? { redirectUri: found.form.redirectUrl } : { inlineMessage: found.form.inlineMessage };
  });

  // Sandbox view: every submission of a portal (optionally of one form) with all submitted fields.
  app.get(`${hubspotControlPrefix}/portals/:portalId/submissions`, async (req) => {
    const portal = portalParam(store, req);
    const formGuid = (req.query as { formGuid?: string }).formGuid;
    const results = portal.submissions.filter((s) => !formGuid || s.formGuid === formGuid).map(renderSubmission);
    return { total: results.length, results };
  });
}

/** HubSpot's read API for a form's submissions (token required), newest first. */
export async function registerAuthedSubmissionRoutes(app: FastifyInstance, _store: HubSpotStore) {
  app.get('/form-integrations/v1/submissions/forms/:formGuid', async (req) => {
    const { portal } = auth(req);
    const guid = (req.params as { formGuid: string }).formGuid;
    if (!portal.forms.has(guid)) throw notFound(`Form ${guid} does not exist`);
    const results = portal.submissions
      .filter((s) => s.formGuid === guid)
      .reverse()
      .map((s) => ({ conversionId: s.conversionId, submittedAt: s.submittedAt, values: s.values.map(({ name, value }) => ({ name, value })), pageUrl: s.context.pageUri ?? '' }));
    return { results };
  });
}

