import { useSession } from '../auth/session.js';

/**
 * Where this server's emails of a kind (`what`: "receipts", "these emails") go: nowhere while email
 * is off, to the sandbox inbox in sandbox mode; nothing is said when an SMTP server sends them.
 */
export function EmailDelivery({ what }: { what: string }) {
  const { email } = useSession();
  if (email.delivery === 'off') {
    return <p className="muted small">Email is off on this server (SMTP_URL is not set): no {what} are sent until it is configured.</p>;
  }
  if (email.delivery === 'sandbox_inbox' && email.inboxUrl) {
    return (
      <p className="muted small">
        Sandbox: {what} go to the{' '}
        <a href={email.inboxUrl} target="_blank" rel="noreferrer">
          sandbox inbox
        </a>{' '}
        and never leave this machine.
      </p>
    );
  }
  return null;
}
