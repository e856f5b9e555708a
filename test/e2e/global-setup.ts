import { buildWidget } from '../../scripts/widget-build.js';
import { ensureDashboardBuilt } from '../dashboard/built-dashboard.js';

/** Builds the dashboard (when stale) and the widget once, before the workers run files side by side. */
export default async function setup() {
  ensureDashboardBuilt();
  await buildWidget();
}
