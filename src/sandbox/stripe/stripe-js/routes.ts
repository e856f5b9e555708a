import type { FastifyInstance } from 'fastify';
import type { StripeEnv } from '../env.js';

export function registerStripeJsRoutes(app: FastifyInstance, env: StripeEnv) {
  void app;
  void env;
}
