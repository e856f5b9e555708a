import { useLocation, useNavigate } from 'react-router';
import { useSwitchMode } from '../api/me.js';
import { useSession } from '../auth/session.js';
import { useNotify } from './notices.js';

/**
 * Test / live switch, always in the header. Detail pages belong to one mode, so switching
 * returns to the section's list.
 */
export function ModeSwitch() {
  const { mode } = useSession();
  const switchMode = useSwitchMode();
  const notify = useNotify();
  const navigate = useNavigate();
  const location = useLocation();
  const test = mode === 'test';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={test}
      className={test ? 'mode-switch mode-switch-test' : 'mode-switch'}
      disabled={switchMode.isPending}
      onClick={() =>
        switchMode.mutate(test ? 'live' : 'test', {
          onSuccess: (me) => {
            const section = location.pathname.split('/')[1];
            if (location.pathname.split('/').length > 2) navigate(`/${section}`);
            notify(me.mode === 'test' ? 'Test mode: you are seeing test data.' : 'Live mode: you are seeing live data.');
          },
          onError: (error) => notify(`The mode could not be switched: ${error.message}`, 'error'),
        })
      }
    >
      <span className="mode-switch-track" aria-hidden="true">
        <span className="mode-switch-thumb" />
      </span>
      <span>Test mode</span>
    </button>
  );
}

export function TestModeBanner() {
  const { mode } = useSession();
  if (mode !== 'test') return null;
  return (
    <div className="test-banner" role="note" aria-label="Test mode">
      <strong>Test mode</strong> — you are viewing test data. Payments here move no real money.
    </div>
  );
}
