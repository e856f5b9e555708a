import { freeEnumerations, type PropertyDef } from './default-properties.js';
import { HubSpotError } from './errors.js';
import type { ObjectType } from './object-types.js';
import type { Portal } from './store.js';

/** One invalid property value, as HubSpot lists them in "Property values were not valid: [...]". */
export interface PropertyProblem {
  name: string;
  code: string;
  message: string;
}

// HubSpot refuses addresses that many other systems accept (no TLD, one-letter TLD, dots at the edges).
const emailPattern = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value);
}

/**
 * Checks and normalises property values for a write. Returns the values to store (strings, as HubSpot
 * keeps them; `''` clears a value) and every problem found.
 */
export function checkProperties(portal: Portal, type: ObjectType, input: unknown, current?: Record<string, string>) {
  const values: Record<string, string> = {};
  const problems: PropertyProblem[] = [];
  if (input === undefined || input === null) return { values, problems };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new HubSpotError(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties must be an object');
  }
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const def = portal.properties[type].get(name);
    // A property in the recycling bin cannot be written, as if it did not exist.
    if (!def || def.archivedAt !== undefined) {
      problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.readOnlyValue) {
      problems.push({ name, code: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
      continue;
    }
    if (raw === null || raw === '') {
      values[name] = '';
      continue;
    }
    if (typeof raw === 'object') {
      problems.push({ name, code: 'INVALID_STRING', message: `${JSON.stringify(raw)} is not a valid value for ${name}` });
      continue;
    }
    const checked = checkValue(portal, type, def, String(raw), { ...current, ...values, ...(input as Record<string, string>) });
    if (typeof checked === 'string') values[name] = checked;
    else problems.push(checked);
  }
  return { values, problems };
}

function checkValue(portal: Portal, type: ObjectType, def: PropertyDef, value: string, merged: Record<string, unknown>): string | PropertyProblem {
  const name = def.name;
  if (type === 'contacts' && name === 'email') {
    const email = value.trim().toLowerCase();
    return isValidEmail(email) ? email : { name, code: 'INVALID_EMAIL', message: `Email address ${value} is invalid` };
  }
  if (type === 'deals' && (name === 'pipeline' || name === 'dealstage')) return checkPipeline(portal, name, value, merged);
  if (name === 'deal_currency_code' || name === 'hs_line_item_currency_code') {
    // HubSpot takes only the portal's own currencies: the company currency and those added in its settings.
    const enabled = [portal.companyCurrency, ...portal.additionalCurrencies];
    return enabled.includes(value) ? value : { name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${enabled.join(', ')}]` };
  }
  switch (def.type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value.trim())
        ? value.trim()
        : { name, code: 'INVALID_DOUBLE', message: `${value} was not a valid number.` };
    case 'bool':
      return value === 'true' || value === 'false'
        ? value
        : { name, code: 'INVALID_BOOLEAN', message: `${value} was not a valid boolean (expected true or false).` };
    case 'date': {
      const ms = toMs(value);
      if (ms === undefined || ms % 86_400_000 !== 0) {
        return { name, code: 'INVALID_DATE', message: `${value} is not a valid date: dates must be YYYY-MM-DD or a millisecond timestamp at midnight UTC.` };
      }
      return new Date(ms).toISOString().slice(0, 10);
    }
    case 'datetime': {
      const ms = toMs(value);
      return ms === undefined
        ? { name, code: 'INVALID_DATETIME', message: `${value} is not a valid datetime: use ISO 8601 or a millisecond timestamp.` }
        : new Date(ms).toISOString();
    }
    case 'enumeration': {
      if (freeEnumerations.has(name)) return value;
      const allowed = def.options.map((o) => o.value);
      const chosen = def.fieldType === 'checkbox' ? value.split(';') : [value];
      const bad = chosen.find((v) => !allowed.includes(v));
      return bad === undefined
        ? value
        : { name, code: 'INVALID_OPTION', message: `${bad} was not one of the allowed options: [${allowed.join(', ')}]` };
    }
    default:
      return value;
  }
}

function checkPipeline(portal: Portal, name: string, value: string, merged: Record<string, unknown>): string | PropertyProblem {
  if (name === 'pipeline') {
    return portal.pipelines.has(value)
      ? value
      : { name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${[...portal.pipelines.keys()].join(', ')}]` };
  }
  const pipeline = portal.pipelines.get(String(merged.pipeline ?? 'default'));
  const stages = pipeline?.stages.map((s) => s.id) ?? [];
  return stages.includes(value)
    ? value
    : { name, code: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${stages.join(', ')}]` };
}

function toMs(value: string): number | undefined {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** HubSpot's 400 for invalid property values (message lists them as JSON; `errors[]` carries codes). */
export function propertyValidationError(portal: Portal, problems: PropertyProblem[]): HubSpotError {
  const listed = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.code,
    name: p.name,
    localizedErrorMessage: p.message,
    portalId: portal.portalId,
  }));
  return new HubSpotError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(listed)}`, {
    errors: problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.name] } })),
  });
}
