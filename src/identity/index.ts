export * from './code-check';
export * from './division';
export * from './uscc';
export * from './resident-id';
export * from './subject-code';
export * from './pii';
export * from './subject-keys';
export * from './code-error';
