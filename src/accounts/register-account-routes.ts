import type { App, AppContext } from '../platform/http/types.js';
import { registerAccountUpdate } from './routes/account-update.js';
import { registerAuditList } from './routes/audit-list.js';
import { registerAuthAcceptInvite } from './routes/auth-accept-invite.js';
import { registerAuthCsrf } from './routes/auth-csrf.js';
import { registerAuthLogin } from './routes/auth-login.js';
import { registerAuthLogout } from './routes/auth-logout.js';
import { registerAuthPasswordReset } from './routes/auth-password-reset.js';
import { registerAuthSignup } from './routes/auth-signup.js';
import { registerInvitesCreate } from './routes/invites-create.js';
import { registerInvitesList } from './routes/invites-list.js';
import { registerInvitesRevoke } from './routes/invites-revoke.js';
import { registerMeAccount } from './routes/me-account.js';
import { registerMeGet } from './routes/me-get.js';
import { registerMeMode } from './routes/me-mode.js';
import { registerMeNotifications } from './routes/me-notifications.js';
import { registerMembersList } from './routes/members-list.js';
import { registerMembersRemove } from './routes/members-remove.js';
import { registerMembersUpdate } from './routes/members-update.js';

export function registerAccountRoutes(app: App, ctx: AppContext) {
  for (const register of [
    registerAuthCsrf,
    registerAuthSignup,
    registerAuthLogin,
    registerAuthLogout,
    registerAuthAcceptInvite,
    registerAuthPasswordReset,
    registerMeGet,
    registerMeMode,
    registerMeNotifications,
    registerMeAccount,
    registerAccountUpdate,
    registerMembersList,
    registerMembersUpdate,
    registerMembersRemove,
    registerInvitesCreate,
    registerInvitesList,
    registerInvitesRevoke,
    registerAuditList,
  ]) {
    register(app, ctx);
  }
}
