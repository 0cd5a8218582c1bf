import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

export const API_KEY_PREFIX = 'pdm_';
export const API_KEY_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%&*';
const API_KEY_RANDOM_LENGTH = 28;
export const API_KEY_VISIBLE_PREFIX_LENGTH = 8;

/** Characters drawn uniformly from `alphabet`: randomInt rejects out-of-range samples, so no modulo bias. */
export function randomString(alphabet: string, length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) {
    result += alphabet[randomInt(alphabet.length)];
  }
  return result;
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomString(API_KEY_ALPHABET, API_KEY_RANDOM_LENGTH);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** An opaque bearer secret (256 random bits, URL-safe). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

const SCRYPT_KEY_LENGTH = 32;

/** `scrypt$<salt>$<hash>`, both base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT_KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const hash = await scryptAsync(password, Buffer.from(salt, 'base64'), SCRYPT_KEY_LENGTH);
  return constantTimeEqual(hash.toString('base64'), expected);
}

/**
 * `sha256$<salt>$<hash>`: salted but fast, because recovery codes are checked synchronously
 * (check and consume must not be split by an await) and carry enough entropy for a single round.
 */
export function hashShortSecret(value: string): string {
  const salt = randomBytes(16).toString('base64');
  return `sha256$${salt}$${sha256Hex(salt + value)}`;
}

export function verifyShortSecret(value: string, stored: string): boolean {
  const [scheme, salt, expected] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !expected) return false;
  return constantTimeEqual(sha256Hex(salt + value), expected);
}
