import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionPersistence } from '../../core/config/runtime-config';
import { SessionStore } from '../../core/session/session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ApiKey } from '../../core/api/api-key-list-client';
import { ROLLS_STORAGE_KEY, RollMemory, unfinishedRolls } from './roll-memory';

function setUp(email = 'demo@paradarum.test', persistence: SessionPersistence = 'session') {
  TestBed.configureTestingModule({
    providers: [provideTestRuntimeConfig({ sessionPersistence: persistence }), provideRouter([])],
  });
  const session = TestBed.inject(SessionStore);
  session.signIn(fakeJwt({ email }));
  return { memory: TestBed.inject(RollMemory), session };
}

describe('RollMemory', () => {
  afterEach(() => {
    TestBed.inject(SessionStore).signOut();
    sessionStorage.clear();
  });

  it('gives back the rolls kept by this tab for the same account', () => {
    const { memory } = setUp();

    memory.keep({ 1: 'pdm_EfGh…' });

    expect(TestBed.inject(RollMemory).recall()).toEqual({ 1: 'pdm_EfGh…' });
  });

  it('keeps the account, key ids and prefixes only', () => {
    const { memory } = setUp();

    memory.keep({ 1: 'pdm_EfGh…' });

    expect(JSON.parse(sessionStorage.getItem(ROLLS_STORAGE_KEY)!)).toEqual({
      email: 'demo@paradarum.test',
      rolls: { 1: 'pdm_EfGh…' },
    });
  });

  it('removes the entry once no roll is left', () => {
    const { memory } = setUp();
    memory.keep({ 1: 'pdm_EfGh…' });

    memory.keep({});

    expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)).toBeNull();
  });

  it('ignores the rolls another account kept in this tab', () => {
    const { memory } = setUp();
    sessionStorage.setItem(
      ROLLS_STORAGE_KEY,
      JSON.stringify({ email: 'other@paradarum.test', rolls: { 1: 'pdm_EfGh…' } }),
    );

    expect(memory.recall()).toEqual({});
  });

  it('ignores what is not a key id and a display prefix', () => {
    const { memory } = setUp();
    sessionStorage.setItem(
      ROLLS_STORAGE_KEY,
      JSON.stringify({
        email: 'demo@paradarum.test',
        rolls: { 1: 'pdm_EfGh…', x: 'pdm_IjKl…', 2: 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12', 3: 7 },
      }),
    );

    expect(memory.recall()).toEqual({ 1: 'pdm_EfGh…' });
  });

  it('recalls nothing from unreadable storage', () => {
    const { memory } = setUp();
    sessionStorage.setItem(ROLLS_STORAGE_KEY, '{not json');

    expect(memory.recall()).toEqual({});
  });

  it('is gone when the app starts without a usable session', () => {
    sessionStorage.setItem(ROLLS_STORAGE_KEY, '{}');

    TestBed.configureTestingModule({ providers: [provideTestRuntimeConfig(), provideRouter([])] });
    TestBed.inject(SessionStore).restore();

    expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)).toBeNull();
  });

  it('is gone once the session ends', () => {
    const { memory, session } = setUp();
    memory.keep({ 1: 'pdm_EfGh…' });

    session.signOut();

    expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)).toBeNull();
  });

  it('writes nothing to storage where sessions are kept in memory only', () => {
    const { memory } = setUp('demo@paradarum.test', 'memory');

    memory.keep({ 1: 'pdm_EfGh…' });

    expect(sessionStorage.length).toBe(0);
  });
});

describe('unfinishedRolls', () => {
  const key = (id: number, prefix: string): ApiKey => ({
    id,
    name: 'CMS plugin',
    prefix,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    lastUsedAt: null,
    revokedAt: null,
  });

  it('keeps a roll whose old key and replacement are both active, as the same object', () => {
    const rolls = { 1: 'pdm_EfGh…' };

    expect(unfinishedRolls(rolls, [key(1, 'pdm_AbCd'), key(2, 'pdm_EfGh')])).toBe(rolls);
  });

  it('ends a roll whose old key is no longer active', () => {
    expect(unfinishedRolls({ 1: 'pdm_EfGh…' }, [key(2, 'pdm_EfGh')])).toEqual({});
  });

  it('ends a roll whose replacement is no longer active', () => {
    expect(unfinishedRolls({ 1: 'pdm_EfGh…' }, [key(1, 'pdm_AbCd')])).toEqual({});
  });
});
