export * from './mqtt/index';
