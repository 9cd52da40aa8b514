// netconform stdio adapter: byte order with Node.js's Buffer (target node-buffer).
// writeUInt8/16/32 and writeBigUInt64 (BE and LE), readUInt8/16/32 and readBigUInt64: each call once, and
// what Buffer throws (RangeError, ERR_OUT_OF_RANGE) is a refusal. Buffer has no read position, so how
// many octets are left unread is unknown.
'use strict';
const { serve, Refused, BadRequest, b64, octets } = require('./stdio');

const WIDTHS = { u8: 1, u16: 2, u32: 4, u64: 8 };

function method(kind, width, order) {
  const bits = { u8: '8', u16: '16', u32: '32', u64: '64' }[width];
  if (!bits) throw new BadRequest('no width ' + width);
  const end = width === 'u8' ? '' : order === 'big' ? 'BE' : 'LE';
  return width === 'u64' ? `${kind}BigUInt64${end}` : `${kind}UInt${bits}${end}`;
}

function write(args) {
  const buf = Buffer.alloc(WIDTHS[args.width] || 0);
  const value = args.width === 'u64' ? BigInt(args.value) : Number(args.value);
  try {
    buf[method('write', args.width, args.order)](value, 0);
  } catch (e) {
    throw new Refused(`${e.name} ${e.code || ''}: ${e.message}`);
  }
  return { octets: b64(buf) };
}

function read(args) {
  const buf = octets(args.octets);
  let value;
  try {
    value = buf[method('read', args.width, args.order)](0);
  } catch (e) {
    throw new Refused(`${e.name} ${e.code || ''}: ${e.message}`);
  }
  return { value: value.toString(), unread: null };
}

serve({
  target: 'node-buffer',
  implementation: { name: 'Node.js Buffer', version: process.version },
  areas: { byteorder: { layer: 'codec', capabilities: ['little-endian'] } },
}, { 'byteorder.write': write, 'byteorder.read': read });
