const loads = new Map<string, Promise<void>>();

/**
 * Adds `<script src>` once per URL for the whole page (several widgets share Stripe.js) and resolves
 * when it ran; rejects when it cannot load (the provider is down, or blocked) or takes too long.
 */
export function loadScript(src: string, timeoutMs = 20_000): Promise<void> {
  let load = loads.get(src);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      const timer = setTimeout(() => reject(new Error(`timed out loading ${src}`)), timeoutMs);
      script.src = src;
      script.async = true;
      script.onload = () => {
        clearTimeout(timer);
        resolve();
      };
      script.onerror = () => {
        clearTimeout(timer);
        reject(new Error(`could not load ${src}`));
      };
      (document.head || document.documentElement).appendChild(script);
    });
    // A failed load may succeed later (the provider came back): do not cache failures.
    load.catch(() => loads.delete(src));
    loads.set(src, load);
  }
  return load;
}
