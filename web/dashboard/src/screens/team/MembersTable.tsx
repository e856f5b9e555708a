import { useState } from 'react';
import { useChangeRole, useRemoveMember } from '../../api/team.js';
import type { Member, Role } from '../../api/types.js';
import { useCan, useSession } from '../../auth/session.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { InlineError } from '../../components/states.js';
import { formatDate } from '../../lib/dates.js';
import { TableFrame } from '../../components/TableFrame.js';

const roleLabels: Record<Role, string> = { owner: 'Owner', admin: 'Admin', viewer: 'Viewer' };

export function MembersTable({ members }: { members: Member[] }) {
  const me = useSession();
  const canManage = useCan('admin');
  const isOwner = useCan('owner');
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<Member | null>(null);
  // Only an owner touches owners or makes one; the server enforces it and keeps the last owner.
  const manageable = (m: Member) => canManage && (isOwner || m.role !== 'owner');
  return (
    <>
      <InlineError error={changeRole.error} />
      <TableFrame label="Team members">
        <table className="table">
          <caption className="visually-hidden">Team members</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name && <strong>{m.name} </strong>}
                  <span>{m.email}</span>
                  {m.userId === me.user.id && <span className="tag">You</span>}
                </td>
                <td>
                  {manageable(m) ? (
                    <label>
                      <span className="visually-hidden">Role of {m.email}</span>
                      <select value={m.role} disabled={changeRole.isPending} onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}>
                        {(['owner', 'admin', 'viewer'] as const)
                          .filter((r) => isOwner || r !== 'owner')
                          .map((r) => (
                            <option key={r} value={r}>
                              {roleLabels[r]}
                            </option>
                          ))}
                      </select>
                    </label>
                  ) : (
                    roleLabels[m.role]
                  )}
                </td>
                <td>{formatDate(m.createdAt)}</td>
                {canManage && (
                  <td className="row-actions">
                    {manageable(m) && m.userId !== me.user.id && (
                      <button type="button" className="button button-small" onClick={() => setRemoving(m)} aria-label={`Remove ${m.email}`}>
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.email ?? ''}?`}
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
        onConfirm={() => removing && remove.mutate(removing, { onSuccess: () => setRemoving(null) })}
      >
        <p>They lose access to this account at once; their sessions here end.</p>
      </ConfirmDialog>
    </>
  );
}
