import { useRevokeInvite } from '../../api/team.js';
import type { Invite } from '../../api/types.js';
import { InlineError } from '../../components/states.js';
import { formatDateTime, formatRelative } from '../../lib/dates.js';
import { TableFrame } from '../../components/TableFrame.js';

export function InvitesTable({ invites }: { invites: Invite[] }) {
  const revoke = useRevokeInvite();
  const now = Date.now();
  const stateOf = (i: Invite) => (i.acceptedAt ? `Accepted ${formatDateTime(i.acceptedAt)}` : new Date(i.expiresAt).getTime() < now ? 'Expired' : `Expires ${formatRelative(i.expiresAt, now)}`);
  return (
    <>
      <InlineError error={revoke.error} />
      <TableFrame label="Invites">
        <table className="table">
          <caption className="visually-hidden">Invites</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{i.role}</td>
                <td>{stateOf(i)}</td>
                <td className="row-actions">
                  {!i.acceptedAt && (
                    <button type="button" className="button button-small" disabled={revoke.isPending} onClick={() => revoke.mutate(i)} aria-label={`Revoke the invite for ${i.email}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </>
  );
}
