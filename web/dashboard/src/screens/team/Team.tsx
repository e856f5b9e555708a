import { useInvites, useMembers } from '../../api/team.js';
import { useCan } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, QueryView } from '../../components/states.js';
import { InviteForm } from './InviteForm.js';
import { InvitesTable } from './InvitesTable.js';
import { MembersTable } from './MembersTable.js';
import { NotificationChoices } from './NotificationChoices.js';

export default function Team() {
  const canManage = useCan('admin');
  const members = useMembers();
  const invites = useInvites(canManage);
  return (
    <>
      <PageHeader title="Team">
        <p className="muted">Owners and admins change things; viewers see everything and change nothing.</p>
      </PageHeader>
      <NotificationChoices />
      {canManage && <InviteForm />}
      <h2>Members</h2>
      <QueryView query={members} loadingLabel="Loading the team…">
        {(data) => <MembersTable members={data} />}
      </QueryView>
      {canManage && (
        <>
          <h2 className="section-title">Invites</h2>
          <QueryView query={invites} loadingLabel="Loading invites…" isEmpty={(d) => d.length === 0} empty={<Empty title="No invites yet" />}>
            {(data) => <InvitesTable invites={data} />}
          </QueryView>
        </>
      )}
    </>
  );
}
