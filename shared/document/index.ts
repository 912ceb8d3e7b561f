/** The document model: schema, defaults, validation, migration, stable format, edits, templates. */
export * from './kinds';
export * from './schema';
export * from './errors';
export * from './defaults';
export * from './migrate';
export * from './validate';
export * from './format';
export * from './edit';
export * from './idTable';
export * from './hosts';
export * from './clipboard';
export * from './templates';
export * from './scenarios';
export * from './faults';
export * from './patch';
export * from './replicaGroup';
export * from './decode';
