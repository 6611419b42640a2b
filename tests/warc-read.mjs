// Read a WARC file with the independent reader warcio (npm) and print one
// JSON line per record: its WARC headers, and the SHA-256 of its block
// and of its payload (the block after the HTTP headers), as read.
import { WARCParser } from 'warcio';
import { createHash } from 'node:crypto';
import fs from 'node:fs';

const parser = new WARCParser(fs.createReadStream(process.argv[2]),
    { parseHttp: false });
for await (const record of parser) {
  const block = Buffer.from(await record.readFully(false));
  let payload = block;
  if (record.warcType === 'response') {
    const end = block.indexOf('\r\n\r\n');
    payload = block.subarray(end + 4);
  }
  const headers = {};
  for (const [k, v] of record.warcHeaders.headers) headers[k] = v;
  console.log(JSON.stringify({
    type: record.warcType,
    headers,
    http: record.warcType === 'response' ?
        block.subarray(0, block.indexOf('\r\n\r\n')).toString('latin1') : '',
    block: createHash('sha256').update(block).digest('hex'),
    payload: createHash('sha256').update(payload).digest('hex'),
    length: payload.length,
  }));
}
