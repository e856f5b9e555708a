import { useEffect, useState } from 'react';
import { useChooseNotifications } from '../../api/me.js';
import { useSession } from '../../auth/session.js';
import { EmailDelivery } from '../../components/EmailDelivery.js';
import { InlineError } from '../../components/states.js';

/** The emails the signed-in member chooses to get about this account; each member chooses for themselves. */
export function NotificationChoices() {
  const { notifications: saved, account } = useSession();
  const choose = useChooseNotifications();
  // A box shows the member's click at once, in the same event, while it is saved: a controlled box would otherwise
  // spring back until the server answered. The saved choices replace it when they arrive; a failed save shows them again, with the error.
  const [clicked, setClicked] = useState<typeof saved | null>(null);
  useEffect(() => setClicked(null), [saved]);
  const notifications = clicked ?? saved;
  const toggle = (key: keyof typeof saved) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const next = { ...notifications, [key]: e.target.checked };
    setClicked(next);
    choose.mutate(next, { onError: () => setClicked(null) });
  };
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Your email notifications</h2>
      <p className="muted small">Sent to you only, about {account.name}. Each member chooses their own.</p>
      <fieldset className="stack fieldset-plain" disabled={choose.isPending}>
        <legend className="visually-hidden">Emails to get</legend>
        <label>
          <input type="checkbox" checked={notifications.dailySummary} onChange={toggle('dailySummary')} /> A daily summary: yesterday's payments, refunds and failed
          syncs (UTC), each morning when anything happened
        </label>
        <label>
          <input type="checkbox" checked={notifications.syncFailures} onChange={toggle('syncFailures')} /> An alert when payments start failing to sync to HubSpot (at
          most one every 6 hours)
        </label>
      </fieldset>
      <EmailDelivery what="these emails" />
      <InlineError error={choose.error} />
    </section>
  );
}
