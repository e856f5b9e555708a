import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleUrl, loaderSource } from './widget-loader.js';
import { bundleNamePattern, widgetBuildDir, type WidgetManifest } from './widget-manifest.js';

export interface LoadedWidget {
  manifest: WidgetManifest;
  loader: Buffer;
}

/**
 * The built widget (dist/web/widget), read on first use and kept in memory. When it is not built yet the
 * answer is null (the routes then say "run npm run build"); it is read again on the next request, so a
 * build made after the server started is picked up.
 */
export class WidgetAssets {
  private loaded: LoadedWidget | null = null;
  private readonly bundles = new Map<string, Buffer>();

  /** `assetBase`: PUBLIC_ASSET_URL, where the loader sends browsers for the bundle (absent: this server). */
  constructor(
    private readonly dir: string = widgetBuildDir,
    private readonly assetBase?: string,
  ) {}

  async current(): Promise<LoadedWidget | null> {
    if (this.loaded) return this.loaded;
    try {
      const manifest = JSON.parse(await readFile(path.join(this.dir, 'manifest.json'), 'utf8')) as WidgetManifest;
      const bundle = await this.bundle(manifest.file);
      if (!bundle) return null;
      // The published integrity must be the served bytes' own.
      const integrity = `sha384-${crypto.createHash('sha384').update(bundle).digest('base64')}`;
      if (integrity !== manifest.integrity) throw new Error(`widget bundle ${manifest.file} does not match its manifest's integrity; rebuild it`);
      this.loaded = { manifest, loader: Buffer.from(loaderSource(bundleUrl(manifest.file, this.assetBase), manifest.integrity)) };
      return this.loaded;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** A content-hashed bundle by file name: the current one or an earlier one the build kept. */
  async bundle(file: string): Promise<Buffer | null> {
    if (!bundleNamePattern.test(file)) return null;
    const cached = this.bundles.get(file);
    if (cached) return cached;
    try {
      const bytes = await readFile(path.join(this.dir, file));
      this.bundles.set(file, bytes);
      return bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
