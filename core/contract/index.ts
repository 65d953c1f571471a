export * from './status';
export * from './diagnostics';
export * from './scl';
export * from './channels';
export * from './wire';
