import type { App, AppContext } from '../platform/http/types.js';
import { registerHostedPageRoute } from './routes/hosted-page.js';
import { registerWidgetFileRoutes } from './routes/widget-files.js';
import { WidgetAssets } from './widget-assets.js';

/** The embeddable widget's files (/widget.js, /widget/…) and the hosted payment page (/pay/…). */
export function registerWidgetRoutes(app: App, ctx: AppContext, assets = new WidgetAssets(undefined, ctx.config.publicAssetUrl)) {
  registerWidgetFileRoutes(app, assets);
  registerHostedPageRoute(app, ctx, assets);
}
