import { hash, verify, Algorithm } from '@node-rs/argon2';
import { AppError } from '../platform/http/errors.js';
import { passwordRules } from './password-rules.js';


export function checkPasswordRules(password: string) {
  if (password.length < passwordRules.minLength) {
    throw new AppError('validation_failed', `The password must be at least ${passwordRules.minLength} characters long.`);
  }
  if (password.length > passwordRules.maxLength) {
    throw new AppError('validation_failed', `The password must be at most ${passwordRules.maxLength} characters long.`);
  }
}

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

// Verified when the email is unknown, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
