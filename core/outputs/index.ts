export * from './modbus';
export * from './mqtt/index';
