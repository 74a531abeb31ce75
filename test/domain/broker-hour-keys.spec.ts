/** Broker-hour rate keys come from one frozen table per broker kind, built once per catalogued broker type. */
import {
  BROKER_HOUR_KEYS,
  KNOWN_RATE_KEYS,
  MSK_BROKER_HOUR_KEYS,
  MSK_EXPRESS_BROKER_HOUR_KEYS,
  MSK_EXPRESS_BROKER_TYPES,
  MSK_STANDARD_BROKER_TYPES,
  RATE_KEYS,
  mskBrokerHourKey,
  mskExpressBrokerHourKey,
} from '../../src/domain';
import { expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';

describe('broker-hour keys', () => {
  it('names every catalogued broker type once, frozen, Standard then Express', () => {
    expect(Object.isFrozen(MSK_BROKER_HOUR_KEYS)).toBe(true);
    expect(Object.isFrozen(MSK_EXPRESS_BROKER_HOUR_KEYS)).toBe(true);
    expect(Object.isFrozen(BROKER_HOUR_KEYS)).toBe(true);
    expect(BROKER_HOUR_KEYS).toEqual([
      ...MSK_STANDARD_BROKER_TYPES.map((t) => `msk.brokerHour.${t}`),
      ...MSK_EXPRESS_BROKER_TYPES.map((t) => `msk.express.brokerHour.${t}`),
    ]);
  });

  it('gives the same string for a catalogued type on every lookup, and builds one for any other type', () => {
    for (const t of MSK_STANDARD_BROKER_TYPES) expect(mskBrokerHourKey(t)).toBe(MSK_BROKER_HOUR_KEYS[t]);
    for (const t of MSK_EXPRESS_BROKER_TYPES) expect(mskExpressBrokerHourKey(t)).toBe(MSK_EXPRESS_BROKER_HOUR_KEYS[t]);
    expect(mskBrokerHourKey('kafka.m4.large')).toBe('msk.brokerHour.kafka.m4.large');
    expect(mskExpressBrokerHourKey('express.m8g.large')).toBe('msk.express.brokerHour.express.m8g.large');
    // No inherited names: a type called like an Object.prototype member is a type, not a property of the table.
    expect(mskBrokerHourKey('constructor')).toBe('msk.brokerHour.constructor');
    expect(mskExpressBrokerHourKey('toString')).toBe('msk.express.brokerHour.toString');
  });

  it('is the one list both the overrides check and the card builder use', () => {
    const all = [...Object.values(RATE_KEYS), ...BROKER_HOUR_KEYS].sort();
    expect([...KNOWN_RATE_KEYS].sort()).toEqual(all);
    expect(expectedRateKeys()).toEqual(all);
  });
});
