export { findChromium, noChromiumMessage, type ChromiumLookup } from './chromium';
export { printPdf, chromiumPrinter, type PrintOptions } from './print-pdf';
