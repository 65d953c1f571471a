#!/usr/bin/env node
// Renders assets/icon.svg to the icon files the packager and the window use, and packs the .ico.
// Run by hand after changing the SVG (needs Debian's librsvg2-bin for rsvg-convert):
//   node assets/make-icons.mjs
// Writes assets/icon.png (512x512) and assets/icon.ico (16, 24, 32, 48, 64, 128, 256; PNG entries,
// which Windows Vista and later read and electron-builder accepts).
import { execFileSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const svg = join(here, 'icon.svg');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function render(size) {
  try {
    return execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), svg]);
  } catch (err) {
    process.stderr.write(
      `make-icons: rsvg-convert failed (${err.message}); install it with 'apt-get install librsvg2-bin'\n`,
    );
    process.exit(1);
  }
}

/** ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) per image, then the PNG images themselves. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // width, 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1); // height
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3); // reserved
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8); // image size
    header.writeUInt32LE(offset, at + 12); // image offset
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

writeFileSync(join(here, 'icon.png'), render(512));
writeFileSync(join(here, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: render(size) }))));
process.stdout.write('make-icons: wrote assets/icon.png and assets/icon.ico\n');
