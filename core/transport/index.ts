export { BaseLink, describeClose, type ByteLink, type LinkCloseReason, type LinkEvents } from './link';
export { MemoryLink, createMemoryLinkPair, type MemoryPairOptions } from './memory-link';
export { TcpLink, TcpListener, connectTcp, connectFailureCode, type ConnectFailure, type TcpConnectOptions } from './tcp-link';
