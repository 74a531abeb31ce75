export * from './price-list-document';
export * from './rate-mapping';
export * from './supplemental-rates';
export * from './content-hash';
export * from './build-rate-card';
