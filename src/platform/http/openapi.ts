import swagger from '@fastify/swagger';
import type { App } from './types.js';

/** Collects every route schema into an OpenAPI 3 document, served at /api/openapi.json. */
export async function registerOpenApi(app: App) {
  await app.register(swagger, {
    openapi: {
      info: { title: 'OnePagePay API', version: '1', description: 'Private API (/api/v1, same-origin session + CSRF) and public payment API (/api/public/v1, CORS open).' },
    },
  });
}

export function registerOpenApiRoute(app: App) {
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
