/** How long a password may be: checked by the server, shown by the dashboard. */
export const passwordRules = { minLength: 10, maxLength: 256 };
