// Status Communities rules as pure functions: no I/O, no queue, db or network code.
export * from './topics/index.js';
export * from './messages/index.js';
export * from './community/index.js';
export * from './direct/index.js';
