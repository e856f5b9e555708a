import type { Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { hubspotErrorToAppError, hubspotStatus } from '../providers/hubspot/hubspot-errors.js';
import { loadHubSpotConnection, type HubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';

/**
 * Reads from the mode's connected portal; an OAuth token HubSpot no longer takes before its expiry
 * (another instance refreshed it) is refreshed once. HubSpot's errors are said in words for `what`.
 */
export async function readConnectedPortal<T>(ctx: AppContext, accountId: string, mode: Mode, what: string, read: (conn: HubSpotConnection) => Promise<T>): Promise<T> {
  const connected = async (forceRefresh: boolean) => {
    const conn = await loadHubSpotConnection(ctx, accountId, mode, { forceRefresh });
    if (!conn) throw new AppError('not_found', `HubSpot is not connected in ${mode} mode. Connect HubSpot in ${mode} mode first.`);
    return conn;
  };
  try {
    const conn = await connected(false);
    return await read(conn).catch(async (err: unknown) => {
      if (conn.authType !== 'oauth' || hubspotStatus(err)?.status !== 401) throw err;
      return read(await connected(true));
    });
  } catch (err) {
    throw hubspotErrorToAppError(err, what);
  }
}
