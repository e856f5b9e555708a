import crypto from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Adds `integrity="sha384-…"` to every script, module preload and stylesheet index.html loads
 * from the bundle, so the hashed assets can be served from any CDN without trusting it.
 * Runs last in generateBundle: only then are the chunks' bytes final.
 */
export function subresourceIntegrity(): Plugin {
  return {
    name: 'onepagepay-subresource-integrity',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (!html || html.type !== 'asset') return;
        const integrityOf = (url: string) => {
          const file = bundle[url.replace(/^\.?\//, '')];
          if (!file) return null;
          const bytes = file.type === 'chunk' ? file.code : file.source;
          return `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
        };
        html.source = String(html.source).replace(/<(script|link)\b[^>]*>/g, (tag) => {
          if (tag.includes('integrity=') || (tag.startsWith('<link') && !/rel="(stylesheet|modulepreload)"/.test(tag))) return tag;
          const url = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
          const integrity = url ? integrityOf(url) : null;
          return integrity ? tag.replace(/\s*\/?>$/, ` integrity="${integrity}">`) : tag;
        });
      },
    },
  };
}
