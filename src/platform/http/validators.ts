import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema } from 'fastify';
import type { App } from './types.js';

const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

/**
 * JSON bodies are validated as sent (a number is not a string, unknown fields are refused);
 * query strings and path parameters, which are always text, are coerced to the schema's types.
 */
export function registerValidators(app: App) {
  const strict = addFormats.default(new Ajv.default({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv.default({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  );
}
