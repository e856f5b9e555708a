import { createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * PayPal signs `transmission_id|transmission_time|webhook_id|crc32(body)` with SHA256withRSA and
 * publishes the certificate at PAYPAL-CERT-URL. The stand-in does the same with a key generated
 * at first use and serves the public key (PEM) at its cert URL.
 */
export const authAlgo = 'SHA256withRSA';
export const certId = 'CERT-360caa42-fca2a594-sandbox01';

let keys: { privateKey: KeyObject; publicKeyPem: string } | undefined;
function keyPair() {
  if (!keys) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  return keys;
}

export const publicKeyPem = (): string => keyPair().publicKeyPem;

const signedString = (transmissionId: string, time: string, webhookId: string, body: string) =>
  `${transmissionId}|${time}|${webhookId}|${crc32(body) >>> 0}`;

export function sign(transmissionId: string, time: string, webhookId: string, body: string): string {
  return createSign('sha256').update(signedString(transmissionId, time, webhookId, body)).sign(keyPair().privateKey, 'base64');
}

export function verify(transmissionId: string, time: string, webhookId: string, body: string, signature: string): boolean {
  return createVerify('sha256').update(signedString(transmissionId, time, webhookId, body)).verify(keyPair().publicKeyPem, signature, 'base64');
}
