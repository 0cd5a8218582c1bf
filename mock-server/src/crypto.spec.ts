import {
  API_KEY_ALPHABET,
  constantTimeEqual,
  generateApiKey,
  hashPassword,
  hashShortSecret,
  sha256Hex,
  verifyPassword,
  verifyShortSecret,
} from './crypto.ts';

describe('API key generation', () => {
  const keys = Array.from({ length: 10_000 }, generateApiKey);

  it('produces pdm_ plus 28 characters of the documented set', () => {
    expect(keys.every((key) => /^pdm_[A-Za-z0-9!@#$%&*]{28}$/.test(key))).toBe(true);
  });

  it('never repeats a key', () => {
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses every character of the 69-character set, symbols included', () => {
    const seen = new Set(keys.flatMap((key) => [...key.slice(4)]));
    expect(API_KEY_ALPHABET).toHaveLength(69);
    expect([...API_KEY_ALPHABET].filter((c) => !seen.has(c))).toEqual([]);
  });

  it('draws every character equally often (no modulo bias)', () => {
    // 280,000 draws over 69 characters: about 4,058 each, standard deviation about 63. A byte taken
    // modulo 69 would give 49 characters 4/256 and 20 of them 3/256 (about 3,281: 12 deviations off).
    const counts = new Map<string, number>();
    for (const key of keys)
      for (const char of key.slice(4)) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = (keys.length * 28) / API_KEY_ALPHABET.length;
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(400);
  });
});

describe('hashing', () => {
  it('SHA-256 hashes to lowercase hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('verifies a scrypt password hash and refuses another password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', hash)).resolves.toBe(false);
  });

  it('salts short-secret hashes so equal codes hash differently', () => {
    const first = hashShortSecret('ABCDE-FGHJK');
    expect(first).not.toBe(hashShortSecret('ABCDE-FGHJK'));
    expect(verifyShortSecret('ABCDE-FGHJK', first)).toBe(true);
    expect(verifyShortSecret('ABCDE-FGHJM', first)).toBe(false);
  });

  it('compares strings of any length without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
