export { findChromium, noChromiumMessage, type ChromiumLookup } from './chromium';
export { printPdf, type PrintOptions } from './print-pdf';
