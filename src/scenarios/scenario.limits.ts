/** Bounds of what a caller sends to the scenario endpoints, declared once: the DTOs and OpenAPI read them here. */
export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const TAGS_MAX = 20;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,39}$/;
export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;
/** A scenario's edit history is answered in pages: at most VERSIONS_PAGE_MAX versions per request (default 20). */
export const VERSIONS_PAGE_DEFAULT = 20;
export const VERSIONS_PAGE_MAX = 100;
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;
export const SEARCH_MAX = 200;
/** Versions are PostgreSQL integers. */
export const INT32_MAX = 2_147_483_647;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isScenarioId = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);
