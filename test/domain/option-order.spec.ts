/** The six options and their order (spec section 1): the tie-break order every answer and table lists them in. */
import { OPTION_CODES } from '../../src/domain';

describe('the options', () => {
  it('are the six of the spec, in its order (the tests that list options read them from OPTION_CODES)', () => {
    expect(OPTION_CODES.join(' ')).toBe(
      'KDS_ON_DEMAND KDS_ON_DEMAND_ADVANTAGE KDS_PROVISIONED MSK_PROVISIONED MSK_EXPRESS MSK_SERVERLESS',
    );
  });
});
