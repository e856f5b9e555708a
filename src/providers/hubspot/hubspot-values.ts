// HubSpot's own email rule (stricter than Stripe's and than RFC 5322 parsers): a dotted domain ending in letters.
const hubspotEmail = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Whether HubSpot takes this as a contact's email (it refuses a whole batch upsert for one it does not). */
export function acceptedByHubSpot(email: string): boolean {
  return email.length <= 254 && hubspotEmail.test(email);
}
