/**
 * Every string the widget shows, per language. To add a language, copy the `en` block, translate it
 * and add it to `tables`; the widget picks `data-lang`, then the page's `<html lang>`, then the browser's.
 */
export interface Strings {
  payment: string;
  orderSummary: string;
  total: string;
  quantity: string;
  chooseOne: string;
  chooseMany: string;
  amount: string;
  amountRange: (min: string, max: string) => string;
  amountInvalid: (min: string, max: string) => string;
  nothingSelected: string;
  email: string;
  firstName: string;
  lastName: string;
  emailInvalid: string;
  completeForm: string;
  card: string;
  cardNote: string;
  pay: (amount: string) => string;
  processing: string;
  paid: string;
  paidHubSpot: string;
  orPayPal: string;
  unavailable: string;
  notFound: string;
  network: string;
  tryAgainIn: (seconds: number) => string;
  stripeLoadFailed: string;
  formMissing: string;
  failed: string;
  authFailed: string;
  notConfirmed: string;
  /** Back from a payment method's own page without paying. */
  notCompleted: string;
  generic: string;
}

const en: Strings = {
  payment: 'Payment',
  orderSummary: 'Order summary',
  total: 'Total',
  quantity: 'Quantity',
  chooseOne: 'Choose an option',
  chooseMany: 'Choose one or more',
  amount: 'Amount',
  amountRange: (min, max) => `From ${min} to ${max}`,
  amountInvalid: (min, max) => `Enter an amount from ${min} to ${max}.`,
  nothingSelected: 'Choose at least one item.',
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  emailInvalid: 'Enter a valid email address.',
  completeForm: 'Please complete the required fields of the form first.',
  card: 'Payment details',
  cardNote: 'Your card or bank details go straight to Stripe; this site never sees them.',
  pay: (amount) => `Pay ${amount}`,
  processing: 'Processing your payment…',
  paid: 'Payment received. Thank you!',
  paidHubSpot: 'Payment received. Sending your order…',
  orPayPal: 'or pay with PayPal',
  unavailable: 'Payments are unavailable right now. Please try again later.',
  notFound: 'This payment form does not exist or is no longer available.',
  network: 'The payment server could not be reached. Check your connection and try again.',
  tryAgainIn: (seconds) => `Please try again in ${seconds} seconds.`,
  stripeLoadFailed: 'The card payment form could not be loaded. Please try again later.',
  formMissing: 'The order form could not be loaded, so payment is not possible right now.',
  failed: 'The payment did not go through. Please try another card.',
  authFailed: 'Your bank did not confirm this payment, so nothing was charged. Please try again or use another card.',
  notConfirmed: 'Your payment is still being processed. You will receive a confirmation once it completes; please do not pay again.',
  notCompleted: 'The payment was not completed. You can try again or choose another payment method.',
  generic: 'Something went wrong. Please try again.',
};

const fr: Strings = {
  payment: 'Paiement',
  orderSummary: 'Récapitulatif de la commande',
  total: 'Total',
  quantity: 'Quantité',
  chooseOne: 'Choisissez une option',
  chooseMany: 'Choisissez un ou plusieurs articles',
  amount: 'Montant',
  amountRange: (min, max) => `De ${min} à ${max}`,
  amountInvalid: (min, max) => `Saisissez un montant de ${min} à ${max}.`,
  nothingSelected: 'Choisissez au moins un article.',
  email: 'E-mail',
  firstName: 'Prénom',
  lastName: 'Nom',
  emailInvalid: 'Saisissez une adresse e-mail valide.',
  completeForm: 'Veuillez d’abord remplir les champs obligatoires du formulaire.',
  card: 'Moyen de paiement',
  cardNote: 'Les données de votre carte ou de votre compte vont directement à Stripe ; ce site ne les voit jamais.',
  pay: (amount) => `Payer ${amount}`,
  processing: 'Paiement en cours…',
  paid: 'Paiement reçu. Merci !',
  paidHubSpot: 'Paiement reçu. Envoi de votre commande…',
  orPayPal: 'ou payez avec PayPal',
  unavailable: 'Le paiement est indisponible pour le moment. Veuillez réessayer plus tard.',
  notFound: 'Ce formulaire de paiement n’existe pas ou n’est plus disponible.',
  network: 'Le serveur de paiement est injoignable. Vérifiez votre connexion et réessayez.',
  tryAgainIn: (seconds) => `Veuillez réessayer dans ${seconds} secondes.`,
  stripeLoadFailed: 'Le formulaire de paiement par carte n’a pas pu être chargé. Veuillez réessayer plus tard.',
  formMissing: 'Le formulaire de commande n’a pas pu être chargé ; le paiement est impossible pour le moment.',
  failed: 'Le paiement n’a pas abouti. Veuillez essayer une autre carte.',
  authFailed: 'Votre banque n’a pas confirmé ce paiement : rien n’a été débité. Veuillez réessayer ou utiliser une autre carte.',
  notConfirmed: 'Votre paiement est en cours de traitement. Vous recevrez une confirmation ; ne payez pas une seconde fois.',
  notCompleted: 'Le paiement n’a pas été finalisé. Vous pouvez réessayer ou choisir un autre moyen de paiement.',
  generic: 'Une erreur est survenue. Veuillez réessayer.',
};

const de: Strings = {
  payment: 'Zahlung',
  orderSummary: 'Bestellübersicht',
  total: 'Gesamt',
  quantity: 'Menge',
  chooseOne: 'Wählen Sie eine Option',
  chooseMany: 'Wählen Sie einen oder mehrere Artikel',
  amount: 'Betrag',
  amountRange: (min, max) => `Von ${min} bis ${max}`,
  amountInvalid: (min, max) => `Geben Sie einen Betrag von ${min} bis ${max} ein.`,
  nothingSelected: 'Wählen Sie mindestens einen Artikel.',
  email: 'E-Mail',
  firstName: 'Vorname',
  lastName: 'Nachname',
  emailInvalid: 'Geben Sie eine gültige E-Mail-Adresse ein.',
  completeForm: 'Bitte füllen Sie zuerst die Pflichtfelder des Formulars aus.',
  card: 'Zahlungsdaten',
  cardNote: 'Ihre Karten- oder Kontodaten gehen direkt an Stripe; diese Website sieht sie nie.',
  pay: (amount) => `${amount} bezahlen`,
  processing: 'Zahlung wird verarbeitet…',
  paid: 'Zahlung erhalten. Vielen Dank!',
  paidHubSpot: 'Zahlung erhalten. Ihre Bestellung wird gesendet…',
  orPayPal: 'oder mit PayPal bezahlen',
  unavailable: 'Zahlungen sind gerade nicht möglich. Bitte versuchen Sie es später erneut.',
  notFound: 'Dieses Zahlungsformular existiert nicht oder ist nicht mehr verfügbar.',
  network: 'Der Zahlungsserver ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  tryAgainIn: (seconds) => `Bitte versuchen Sie es in ${seconds} Sekunden erneut.`,
  stripeLoadFailed: 'Das Kartenformular konnte nicht geladen werden. Bitte versuchen Sie es später erneut.',
  formMissing: 'Das Bestellformular konnte nicht geladen werden; eine Zahlung ist gerade nicht möglich.',
  failed: 'Die Zahlung ist nicht durchgegangen. Bitte versuchen Sie eine andere Karte.',
  authFailed: 'Ihre Bank hat diese Zahlung nicht bestätigt, es wurde nichts abgebucht. Bitte versuchen Sie es erneut oder nutzen Sie eine andere Karte.',
  notConfirmed: 'Ihre Zahlung wird noch verarbeitet. Sie erhalten eine Bestätigung; bitte zahlen Sie nicht erneut.',
  notCompleted: 'Die Zahlung wurde nicht abgeschlossen. Sie können es erneut versuchen oder eine andere Zahlungsart wählen.',
  generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};

export const tables: Record<string, Strings> = { en, fr, de };

/**
 * The first candidate language tag (e.g. "fr-CA") whose language has a table: that language, and the tag
 * as the locale numbers and money are formatted in. English when none has one.
 */
export function pickLanguage(candidates: Array<string | null | undefined>): { language: string; locale: string } {
  for (const tag of candidates) {
    const trimmed = tag?.trim() ?? '';
    const language = trimmed.toLowerCase().split(/[-_]/)[0];
    if (language && Object.prototype.hasOwnProperty.call(tables, language)) return { language, locale: trimmed.replace(/_/g, '-') };
  }
  return { language: 'en', locale: 'en' };
}
