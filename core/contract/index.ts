export * from './status';
export * from './diagnostics';
export * from './channels';
export * from './wire';
export * from './project';
export * from './points';
export * from './runtime';
export * from './gateway-api';
