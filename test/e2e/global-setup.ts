import { buildWidget } from '../../scripts/widget-build.js';
import { buildIfStale } from '../helpers/build-if-stale.js';

/** Builds the dashboard (when stale) and the widget once, before the workers run files side by side. */
export default async function setup() {
  buildIfStale(['dashboard']);
  await buildWidget();
}
