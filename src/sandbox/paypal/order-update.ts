import type { FastifyInstance } from 'fastify';
import { authenticate } from './auth.js';
import type { PayPalDeps } from './context.js';
import { invalidRequest, unprocessable } from './errors.js';
import { parseCreateOrder } from './order-request.js';
import { ownedOrder } from './orders.js';
import type { Order, OrderUnit } from './store.js';

const patchable = new Set(['amount', 'custom_id', 'invoice_id', 'description', 'soft_descriptor', 'items']);
const pathPattern = /^\/purchase_units\/@reference_id=='([^']*)'\/([a-z_]+)$/;

interface PatchOp {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

const rawUnit = (u: OrderUnit): Record<string, unknown> => ({
  reference_id: u.referenceId,
  amount: u.amount,
  ...(u.customId !== undefined ? { custom_id: u.customId } : {}),
  ...(u.invoiceId !== undefined ? { invoice_id: u.invoiceId } : {}),
  ...(u.description !== undefined ? { description: u.description } : {}),
  ...(u.softDescriptor !== undefined ? { soft_descriptor: u.softDescriptor } : {}),
  ...(u.items !== undefined ? { items: u.items } : {}),
});

/** Applies JSON Patch operations to an uncaptured order's purchase units, validating the result as a new order. */
function patchOrder(order: Order, ops: unknown): OrderUnit[] {
  if (!Array.isArray(ops) || ops.length === 0) throw invalidRequest('MALFORMED_REQUEST_JSON', 'The request body must be a JSON Patch array.');
  if (order.status === 'COMPLETED' || order.status === 'VOIDED') {
    throw unprocessable('ORDER_COMPLETED_OR_VOIDED', 'Order is voided or completed and hence cannot be patched.');
  }
  const units = order.units.map(rawUnit);
  for (const [i, raw] of ops.entries()) {
    const { op, path, value } = (raw ?? {}) as PatchOp;
    if (op !== 'replace' && op !== 'add' && op !== 'remove') throw invalidRequest('INVALID_PARAMETER_VALUE', 'op must be add, replace or remove.', `/${i}/op`);
    const match = typeof path === 'string' ? pathPattern.exec(path) : null;
    if (!match) throw invalidRequest('INVALID_JSON_POINTER_FORMAT', 'Path should be a valid JSON Pointer to a purchase unit field.', `/${i}/path`);
    const [, ref, field] = match;
    const unit = units.find((u) => u.reference_id === ref);
    if (!unit) throw unprocessable('INVALID_JSON_POINTER_FORMAT', `No purchase unit with reference_id ${ref}.`, `/${i}/path`);
    if (!patchable.has(field) || (op === 'remove' && field === 'amount')) throw unprocessable('NOT_PATCHABLE', 'Cannot be patched.', `/${i}/path`);
    if (op === 'remove') delete unit[field];
    else if (value === undefined) throw invalidRequest('PATCH_VALUE_REQUIRED', 'Please specify a value for the field that is being patched.', `/${i}/value`);
    else unit[field] = value;
  }
  return parseCreateOrder({ intent: 'CAPTURE', purchase_units: units }).units;
}

/** `PATCH /v2/checkout/orders/{id}`: the order's `update` link (→ 204). */
export function registerOrderUpdateRoute(app: FastifyInstance, deps: PayPalDeps) {
  app.patch<{ Params: { id: string } }>('/v2/checkout/orders/:id', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const order = ownedOrder(deps, clientId, req.params.id);
    order.units = patchOrder(order, req.body);
    order.updatedMs = deps.ctx.clock.nowMs();
    return reply.code(204).send();
  });
}
