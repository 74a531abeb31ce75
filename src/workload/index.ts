/**
 * The workload's edge, one module: the GraphQL input and its enums, the workload views, the OpenAPI schemas of
 * the bodies that carry a workload, and the one parse that returns the typed request with its workload
 * normalized. Evaluation, scenarios, presets, batch and rates build on it, not on each other. Each
 * field's text and bounds are declared once, in the domain (src/domain/workload.ts, WORKLOAD_JSON_SCHEMA).
 */
export * from './workload.enums';
export * from './workload.input';
export * from './workload.args';
export * from './workload.view';
export * from './workload-request';
export * from './request-schemas';
export { SchemaField, SchemaFields, boundsText } from './schema-field.decorator';
