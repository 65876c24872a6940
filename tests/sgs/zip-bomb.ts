import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * Writes a small XLSX whose shared strings inflate to `sharedStringsMiB` MiB: a workbook
 * with one worksheet naming one shared string, and a sharedStrings.xml of repeated entries,
 * deflated as a stream (never held unpacked in memory). `lie`: the zip headers declare the
 * shared strings at 1 KiB, as a hostile file would to get past a check of declared sizes.
 */
export async function writeSharedStringsBomb(
  file: string,
  sharedStringsMiB: number,
  options: { lie?: boolean } = {},
): Promise<void> {
  const parts: { name: string; data: Buffer; size: number; crc: number }[] = [];
  const small = (name: string, xml: string) => {
    const raw = Buffer.from(xml);
    parts.push({ name, data: zlib.deflateRawSync(raw), size: raw.length, crc: zlib.crc32(raw) });
  };
  small(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  );
  small(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  small(
    'xl/workbook.xml',
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  small(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  // Shared strings before the worksheet, as Excel writes them: a reader caches them all first.
  const chunk = Buffer.from(
    '<si><t>盐城示例商贸有限公司盐城示例商贸有限公司盐城示例商贸有限公司</t></si>'.repeat(4096),
  );
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (data: Buffer) => compressed.push(data));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = zlib.crc32('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  let size = 0;
  deflate.write('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  while (size < sharedStringsMiB * 1024 * 1024) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
  }
  deflate.end('</sst>');
  crc = zlib.crc32('</sst>', crc);
  await done;
  const header = Buffer.byteLength('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">') + 6;
  parts.push({
    name: 'xl/sharedStrings.xml',
    data: Buffer.concat(compressed),
    size: options.lie ? 1024 : size + header,
    crc,
  });
  small(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
  );
  fs.writeFileSync(file, zipOf(parts));
}

/** A zip archive of deflated entries (local headers, data, central directory). */
function zipOf(parts: { name: string; data: Buffer; size: number; crc: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, part.data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(part.crc >>> 0, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
