import type { DemoShop } from './set-up-demo-shop.js';

/** The cookies a response set, as a Cookie header (name=value pairs). */
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');

/**
 * `create-account --sandbox`: the sandbox stand-ins live in the server's process, so the account
 * is created through the running server's API, as the dashboard would: sign up and in, then set up the
 * demo shop (sandbox Stripe and HubSpot, demo products, a payment form on a HubSpot form).
 */
export async function createSandboxAccount(publicUrl: string, input: { email: string; password: string; name?: string }) {
  const call = async (method: string, path: string, cookie: string, csrfToken?: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${publicUrl}${path}`, {
        method,
        headers: {
          origin: publicUrl,
          'sec-fetch-site': 'same-origin',
          ...(cookie ? { cookie } : {}),
          ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new Error(`create-account --sandbox works through the running server, and ${publicUrl} cannot be reached. Start it first (npm start) or set PUBLIC_URL to its address.`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message: string } };
    if (!res.ok) throw new Error(`${method} ${path} failed (${res.status}): ${json.error?.message ?? 'no details'}`);
    return { res, json };
  };

  const sandbox = await call('GET', '/sandbox.json', '');
  const csrf = await call('GET', '/api/v1/auth/csrf', '');
  const preLogin = cookiesOf(csrf.res);
  await call('POST', '/api/v1/auth/signup', preLogin, csrf.json.csrfToken as string, {
    email: input.email,
    password: input.password,
    ...(input.name ? { name: input.name } : {}),
  });
  // Sign-up never signs in (it does not tell whether the email existed): sign in, as the dashboard does.
  const login = await call('POST', '/api/v1/auth/login', preLogin, csrf.json.csrfToken as string, { email: input.email, password: input.password }).catch((err: Error) => {
    throw new Error(`${err.message} (if ${input.email} already has a sign-in, use its password)`);
  });
  const session = cookiesOf(login.res);
  const shop = (await call('POST', '/api/v1/sandbox/demo-shop', session, login.json.csrfToken as string, {})).json as unknown as DemoShop;
  const user = login.json.user as { id: string; email: string };
  return { ...shop, userId: user.id, email: user.email, publicUrl, sandbox: sandbox.json };
}
