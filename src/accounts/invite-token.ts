import crypto from 'node:crypto';

export const newInviteToken = () => crypto.randomBytes(24).toString('base64url');
export const hashInviteToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const inviteValidDays = 7;
export const inviteUrl = (publicUrl: string, token: string) => `${publicUrl}/invite#${token}`;
