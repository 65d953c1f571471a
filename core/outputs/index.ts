export * from './modbus';
