export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/open-sqlite';
export * from './kurrentdb/kurrentdb-event-store';
export * from './open-event-store';
export * from './memory/in-memory-event-store';
export * from './thread-file';
export * from './new-event-id';
