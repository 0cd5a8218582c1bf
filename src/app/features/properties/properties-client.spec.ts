import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { PropertiesClient } from './properties-client';
import {
  ok,
  PROPERTY_URL,
  propertyDto,
  providePropertiesTesting,
  purgeDto,
} from './properties.testing';

describe('PropertiesClient', () => {
  let client: PropertiesClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: providePropertiesTesting() });
    client = TestBed.inject(PropertiesClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('turns the timestamps of a property into dates', async () => {
    const property = firstValueFrom(client.get(2));

    http
      .expectOne(`${PROPERTY_URL}/2`)
      .flush(ok(propertyDto({ lastPurgedAt: '2025-03-01T12:00:00.000Z' })));

    expect((await property).lastPurgedAt).toEqual(new Date('2025-03-01T12:00:00.000Z'));
  });

  it('sends a purge as the contract spells it', async () => {
    const record = firstValueFrom(client.purge(2, { type: 'url', urls: ['https://a.test/x'] }));

    const request = http.expectOne(`${PROPERTY_URL}/2/purge`);
    request.flush(ok(purgeDto({ type: 'url', urls: ['https://a.test/x'] })));

    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ type: 'url', urls: ['https://a.test/x'] });
    expect((await record).urls).toEqual(['https://a.test/x']);
  });

  it.each([
    ['user:you@example.test', { kind: 'user', email: 'you@example.test' }],
    ['key:pdm_AbCd', { kind: 'key', prefix: 'pdm_AbCd' }],
    ['cron', { kind: 'other', raw: 'cron' }],
    ['user:', { kind: 'other', raw: 'user:' }],
  ])('reads requestedBy "%s" as who asked', async (requestedBy, expected) => {
    const history = firstValueFrom(client.history(2));

    http.expectOne(`${PROPERTY_URL}/2/purge`).flush(ok([purgeDto({ requestedBy })]));

    expect((await history)[0].requestedBy).toEqual(expected);
  });
});
