import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError, errorBody } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import type { WidgetAssets } from '../widget-assets.js';

const notBuilt = '/* OnePagePay: the widget is not built on this server. Run `npm run build`. */\nconsole.error("OnePagePay: the widget is not built on this server (npm run build).");\n';

/** Script responses are loaded by merchants' pages: any origin may load them (and check SRI, which needs CORS). */
function crossOrigin(reply: FastifyReply) {
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('x-content-type-options', 'nosniff');
}

/**
 * GET /widget.js — the stable loader of the embed tag (cached 5 minutes, so a new build reaches pages soon);
 * GET /widget/widget.<hash>.js — the content-hashed bundle (cached for a year, immutable);
 * GET /widget/manifest.json — the current bundle's name, version, size and SRI hash, for merchants who pin it.
 */
export function registerWidgetFileRoutes(app: App, assets: WidgetAssets) {
  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const widget = await assets.current();
    crossOrigin(reply).type('application/javascript; charset=utf-8');
    if (!widget) return reply.code(503).header('cache-control', 'no-store').send(notBuilt);
    return reply.header('cache-control', 'public, max-age=300').send(widget.loader);
  });

  app.get('/widget/manifest.json', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const widget = await assets.current();
    crossOrigin(reply);
    if (!widget) return reply.code(503).header('cache-control', 'no-store').send(errorBody(new AppError('not_ready', 'The widget is not built on this server (npm run build).'), request.id));
    const { manifest } = widget;
    return reply.header('cache-control', 'public, max-age=300').send({
      version: manifest.version,
      file: manifest.file,
      path: `/widget/${manifest.file}`,
      integrity: manifest.integrity,
      gzipBytes: manifest.gzipBytes,
    });
  });

  app.get(
    '/widget/:file',
    { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const bytes = await assets.bundle(request.params.file);
      crossOrigin(reply);
      if (!bytes) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type('application/javascript; charset=utf-8').send(bytes);
    },
  );
}
