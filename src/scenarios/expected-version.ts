import { DomainError, ValidationError } from '../domain';

const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;

/**
 * The version the caller read: an integer, or an If-Match value `3`, `"3"` or `W/"3"`. `field` is the
 * transport's name for it (the If-Match header, GraphQL's expectedVersion). Missing and required →
 * PRECONDITION_REQUIRED (428).
 */
export function parseExpectedVersion(raw: unknown, field: string, required: boolean): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (!required) return undefined;
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      `${field} is required: send the version you read (e.g. ${field === 'If-Match' ? '`If-Match: "3"`' : '3'}) so a concurrent edit is not overwritten`,
      { field },
    );
  }
  // `If-Match: *` ("any version") would overwrite a concurrent edit unseen: the version read is required.
  if (raw === '*' || (typeof raw === 'string' && raw.trim() === '*')) {
    throw new ValidationError([
      {
        field,
        message: `${field}: * is not accepted; send the version you read (e.g. "3") so a concurrent edit is not overwritten`,
      },
    ]);
  }
  let version: number | undefined;
  if (typeof raw === 'number') version = raw;
  else if (typeof raw === 'string') {
    const m = VERSION_TAG.exec(raw.trim());
    if (m) version = Number(m[1] ?? m[2]);
  }
  if (version === undefined || !Number.isInteger(version) || version < 1) {
    throw new ValidationError([
      { field, message: `${field} must be the scenario version you read: a positive integer such as 3, "3" or W/"3"` },
    ]);
  }
  return version;
}
