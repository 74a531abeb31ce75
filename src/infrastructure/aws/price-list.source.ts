import type { FetchRegionResult, PriceListClient, PriceListClientOptions } from './pricelist.client';

/**
 * The Price List API as the rates service uses it. The AWS SDK is loaded on the first refresh, not at
 * start-up: a replica that never refreshes (bundled rates, or another replica holds the lock) never pays
 * its memory, and start-up stays quiet.
 */
export class PriceListSource {
  private client?: Promise<PriceListClient>;

  constructor(private readonly options: PriceListClientOptions) {}

  async fetchRegion(regionCode: string): Promise<FetchRegionResult> {
    this.client ??= import('./pricelist.client').then(({ PriceListClient: Client }) => new Client(this.options));
    return (await this.client).fetchRegion(regionCode);
  }
}
