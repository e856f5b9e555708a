import { accountCases } from './accounts.js';
import { connectionCases, prepareConnections } from './connections.js';
import { catalogCases, prepareCatalog } from './catalog.js';
import { demoCases } from './demo.js';
import { formCases, prepareForms } from './forms.js';
import { monitorCases } from './monitor.js';
import { paymentCases, preparePayments } from './payments.js';
import { syncCases } from './sync.js';
import type { Case, Preparer } from './types.js';

export type { Case, Preparer, World } from './types.js';

/** Every private route's case, by "METHOD /url" as registered. Add a domain's file here. */
export const matrixCases: Record<string, Case> = { ...accountCases, ...connectionCases, ...catalogCases, ...formCases, ...monitorCases, ...paymentCases, ...demoCases, ...syncCases };

/** Run in order before the matrix, to create account A's objects. */
export const matrixPreparers: Preparer[] = [prepareConnections, prepareCatalog, prepareForms, preparePayments];
