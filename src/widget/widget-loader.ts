/**
 * The stable `/widget.js` every embed tag loads: it adds the content-hashed bundle once per page,
 * with its SRI hash, and tells the bundle where the API is (`data-api`: where the loader came
 * from), since the bundle itself may come from a CDN (PUBLIC_ASSET_URL). A later copy of the
 * loader on the page just asks the running widget to scan again.
 *
 * `bundleUrl` is absolute (a CDN) or relative to the loader (`widget/widget.<hash>.js`).
 */
export function loaderSource(bundleUrl: string, integrity: string): string {
  return `/*! OnePagePay widget loader */
(function(d,w){var s=d.currentScript;if(w.OnePagePay){w.OnePagePay.scan();return}if(w.__onepagepayLoading)return;w.__onepagepayLoading=1;var h=s&&s.src||location.href,b=d.createElement("script");b.src=new URL(${JSON.stringify(bundleUrl)},h).href;b.setAttribute("data-api",new URL("./",h).href);b.integrity=${JSON.stringify(integrity)};b.crossOrigin="anonymous";b.async=true;(d.head||d.documentElement).appendChild(b)})(document,window);
`;
}

/** Where the hashed bundle is loaded from: PUBLIC_ASSET_URL's `widget/` when set, else beside the loader. */
export function bundleUrl(file: string, assetBase?: string): string {
  return assetBase ? `${assetBase}/widget/${file}` : `widget/${file}`;
}
