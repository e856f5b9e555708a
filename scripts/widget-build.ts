/**
 * Builds the embeddable widget (`npm run build:widget`, part of `npm run build`): web/widget/main.ts
 * bundled by esbuild into one minified IIFE named by its content hash, the stable `widget.js` loader
 * that adds it with SRI, and manifest.json — all in dist/web/widget/ (git-ignored).
 */
import crypto from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleUrl, loaderSource } from '../src/widget/widget-loader.js';
import { bundleNamePattern, widgetBuildDir, type WidgetManifest } from '../src/widget/widget-manifest.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Earlier bundles kept so pages holding a cached loader (5 minutes) still find theirs after a deploy. */
const keepBundles = 5;

export const gzipSize = (code: Uint8Array | string) => gzipSync(code, { level: 9 }).length;

async function pruneOldBundles(outDir: string, current: string) {
  const bundles = (await readdir(outDir)).filter((f) => bundleNamePattern.test(f) && f !== current);
  const dated = await Promise.all(bundles.map(async (f) => ({ f, mtime: (await stat(path.join(outDir, f))).mtimeMs })));
  dated.sort((a, b) => b.mtime - a.mtime);
  for (const { f } of dated.slice(keepBundles - 1)) await rm(path.join(outDir, f));
}

/** A server reading the folder while a build runs (or two builds at once) sees the old file or the new one, never half of one. */
async function writeAtomically(file: string, content: string | Uint8Array) {
  const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

export async function buildWidget(outDir = widgetBuildDir): Promise<WidgetManifest> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const result = await build({
    entryPoints: [path.join(root, 'web/widget/main.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    define: { __WIDGET_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = `widget.${hash}.js`;
  const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
  // The loader as the server serves it without PUBLIC_ASSET_URL (it writes its own with one).
  const loader = loaderSource(bundleUrl(file), integrity);
  const manifest: WidgetManifest = {
    version: pkg.version,
    file,
    integrity,
    bytes: code.length,
    gzipBytes: gzipSize(code),
    loader: { file: 'widget.js', gzipBytes: gzipSize(loader) },
  };
  await mkdir(outDir, { recursive: true });
  await writeAtomically(path.join(outDir, file), code);
  await writeAtomically(path.join(outDir, 'widget.js'), loader);
  await writeAtomically(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await pruneOldBundles(outDir, file);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWidget().then(
    (m) => process.stdout.write(`widget: dist/web/widget/${m.file} (${m.bytes} B, ${m.gzipBytes} B gzipped) ${m.integrity}\n`),
    (error: unknown) => {
      process.stderr.write(`widget build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
