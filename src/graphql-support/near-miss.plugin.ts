import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** graphql-js's unknown input field, with its suggestion: `Field "ingestGBPerDay" is not defined by type "T". Did you mean "ingestGbPerDay"…`. */
const UNKNOWN = /Field "(\w+)" is not defined by type "(\w+)"\. Did you mean "(\w+)"/;
/** …and the field it meant reported missing: `Field "T.f" of required type` (a literal) or `Field "f" of required type` (a variable). */
const MISSING = /Field "(?:(\w+)\.)?(\w+)" of required type "[^"]+" was not provided\./;

/**
 * "Did you mean ingestGbPerDay?" as ONE error, as on REST: graphql-js suggests the field an unknown input field most
 * likely meant, and also reports that field missing when it is required (avgRecordSizeKb → "avgRecordSizeKB of
 * required type Float! was not provided"). The second says nothing the first does not: it is left out.
 */
export function nearMissPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors && result.errors.length > 1) result.errors = withoutMeantMissing(result.errors);
        },
      };
    },
  };
}

export function withoutMeantMissing(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const meant = new Set<string>();
  for (const e of errors) {
    const m = UNKNOWN.exec(e.message);
    if (m) meant.add(`${m[2]}.${m[3]}`).add(`*.${m[3]}`);
  }
  if (meant.size === 0) return [...errors];
  return errors.filter((e) => {
    const m = MISSING.exec(e.message);
    return !m || !meant.has(m[1] ? `${m[1]}.${m[2]}` : `*.${m[2]}`);
  });
}
