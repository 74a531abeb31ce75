import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a document asks for once its fragments are expanded, measured in one pass linear in the document's size:
 * each fragment is measured once and its figures reused at every spread (memoized), so a chain of fragments that
 * each spread the next one twice (2^n paths) costs n steps, not 2^n. Directives are not applied (@skip does not
 * shrink the figures): these are upper bounds, checked before validation and before anything else looks at the
 * document. The old depth check expanded every fragment path instead: an 877-byte document of 20 such fragments took
 * seconds (test/security/graphql-preauth.e2e.spec.ts).
 *
 * Depth and aliases are graphql-armor's (query-limits.plugin.ts). What is left here is what no library measures
 * this way: graphql-query-complexity (a dependency) expands every spread anew and stops only at its 10,000-node cap
 * (measured: 20–80 ms for a 14-fragment fan-out, before any limit is known); graphql-armor has no rule counting
 * fields or fragment definitions, none collecting root fields for the gate, and its rules do not stop at a fragment
 * cycle (graphql-js's validation names it; here it must only not loop, and is refused before validation runs).
 */
export interface DocumentShape {
  /** Fields selected by the largest operation, every spread counted at its full size (saturates at CAP). */
  fields: number;
  /** Fragment definitions in the document. */
  fragments: number;
  /** Names of the root fields of every operation (through fragments and inline fragments at the root). */
  rootFields: ReadonlySet<string>;
  /** The document's operations' kinds (query, mutation, subscription). */
  operations: ReadonlySet<string>;
}

/** Figures past this are all "too many": keeps sums of exponential fan-outs finite. */
const CAP = 1e9;

interface Figures {
  fields: number;
}

const ZERO: Figures = { fields: 0 };

/** A fragment that spreads itself (directly or not): validation refuses it; here it only must not loop. */
export class FragmentCycleError extends Error {
  constructor(readonly fragment: string) {
    super(`Fragment ${fragment} spreads itself`);
  }
}

export function documentShape(document: DocumentNode): DocumentShape {
  const definitions = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) definitions.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const measured = new Map<string, Figures | 'measuring'>();
  const rootNames = new Map<string, ReadonlySet<string> | 'collecting'>();

  const fragment = (name: string): Figures => {
    const known = measured.get(name);
    if (known === 'measuring') throw new FragmentCycleError(name);
    if (known) return known;
    const def = definitions.get(name);
    if (!def) return ZERO; // an unknown fragment: validation names it
    measured.set(name, 'measuring');
    const figures = selectionSet(def.selectionSet);
    measured.set(name, figures);
    return figures;
  };

  // Every selection set of the document is visited once: those of fields and inline fragments belong to one
  // definition, and a fragment's own is visited once whatever spreads it.
  const selectionSet = (set: SelectionSetNode): Figures => {
    let fields = 0;
    for (const selection of set.selections) {
      let inner: Figures;
      if (selection.kind === Kind.FIELD) {
        inner = selection.selectionSet ? selectionSet(selection.selectionSet) : ZERO;
        fields += 1;
      } else {
        inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selectionSet(selection.selectionSet)
            : fragment(selection.name.value);
      }
      fields = Math.min(CAP, fields + inner.fields);
    }
    return { fields };
  };

  // Root field names, through fragments at the root level; each fragment's names collected once.
  const rootsOf = (set: SelectionSetNode, into: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) into.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) rootsOf(selection.selectionSet, into);
      else {
        const name = selection.name.value;
        let names = rootNames.get(name);
        if (names === 'collecting') throw new FragmentCycleError(name);
        if (!names) {
          const def = definitions.get(name);
          rootNames.set(name, 'collecting');
          const collected = new Set<string>();
          if (def) rootsOf(def.selectionSet, collected);
          rootNames.set(name, (names = collected));
        }
        for (const n of names) into.add(n);
      }
    }
  };

  let fields = 0;
  const rootFields = new Set<string>();
  const kinds = new Set<string>();
  for (const operation of operations) {
    fields = Math.max(fields, selectionSet(operation.selectionSet).fields);
    rootsOf(operation.selectionSet, rootFields);
    kinds.add(operation.operation);
  }
  return {
    fields,
    fragments: document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length,
    rootFields,
    operations: kinds,
  };
}
