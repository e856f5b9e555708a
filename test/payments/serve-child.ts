/**
 * A second server process on the test's PostgreSQL database and sandbox stand-ins, for tests that
 * SIGKILL it in the middle of a flow. Env: DATABASE_URL, ENCRYPTION_KEY, PUBLIC_URL, PORT and
 * SANDBOX_URLS (the stand-ins' JSON). Prints "listening" once it accepts requests.
 */
import { loadConfig } from '../../src/config.js';
import { parseKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { openDatabase } from '../../src/platform/db/connect.js';
import { buildServer } from '../../src/server.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 4 });
const app = await buildServer({ config, database, secretBox: new SecretBox(parseKeyRing(config.encryptionKey!)), sandboxUrls: JSON.parse(process.env.SANDBOX_URLS!) });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
