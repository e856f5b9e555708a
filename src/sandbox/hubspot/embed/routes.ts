import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { originOf } from '../html.js';
import { hbsptRuntime } from './runtime.js';

/** Paths of the embed script, as on js.hsforms.net (`/forms/embed/v2.js`, older `/forms/v2.js`). */
export const embedScriptPaths = ['/forms/embed/v2.js', '/forms/v2.js'];

/**
 * The served script: the runtime's source applied to this stand-in's origin. `__name` is defined because
 * some TypeScript loaders (esbuild with keepNames) wrap functions in it; the browser has no such helper.
 */
export function embedScript(origin: string): string {
  return `/* HubSpot forms embed — OnePagePay sandbox stand-in */\n(function () {\nvar __name = function (f) { return f; };\n(${hbsptRuntime.toString()})(${JSON.stringify({ origin })});\n})();\n`;
}

export async function registerEmbedRoutes(app: FastifyInstance) {
  const serve = async (req: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('Access-Control-Allow-Origin', '*')
      .header('Cache-Control', 'no-cache')
      .type('application/javascript; charset=utf-8')
      .send(embedScript(originOf(req)));
  for (const path of embedScriptPaths) app.get(path, serve);
}
