import { DomainError } from '../domain';
import { bundledRegions } from '../infrastructure/aws/bundled-rates';
import type { RateCardRepository } from './rate-card.repository';

/** What a region code looks like (`us-east-1`, `ap-southeast-2`); anything else is an unknown region at once. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Regions with rates: the bundled snapshot's and every region stored in PostgreSQL (when it answers). */
export async function knownRegions(repository: RateCardRepository): Promise<string[]> {
  const stored = await repository.regions().catch(() => [] as string[]);
  return [...new Set([...bundledRegions(), ...stored])].sort();
}

/** The UNKNOWN_REGION error, listing the known regions (404 on REST). */
export async function unknownRegion(repository: RateCardRepository, region: string): Promise<DomainError> {
  const known = await knownRegions(repository);
  return new DomainError(
    'UNKNOWN_REGION',
    `No rates are known for region "${region}"; known regions: ${known.join(', ')}`,
    {
      region,
      knownRegions: known,
    },
  );
}
