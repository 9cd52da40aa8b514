// The envelope of the netconform stdio protocol, version 1 (docs/stdio-protocol.md), for Node.js adapters.
// serve(hello, handlers): one JSON request per line on stdin, one response per line on stdout (nothing
// else); logs go to stderr. A handler returns (or resolves to) the result; it throws Refused when the
// library under test refused or failed the operation (error kind "failed"). Anything else it throws is a
// bug of the adapter, answered with kind "internal" (the harness reports ERROR). Requests run
// concurrently: each answer carries its request's id.
'use strict';
const readline = require('readline');

const PROTOCOL = 'netconform-stdio';
const VERSION = 1;
const MAX_LINE = 32 * 1024 * 1024;

class Refused extends Error {}
class BadRequest extends Error {}

function write(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function event(name, data) {
  write({ event: name, data });
}

const b64 = (buf) => Buffer.from(buf).toString('base64');
const octets = (text) => Buffer.from(text, 'base64');

async function answer(id, run) {
  try {
    write({ id, ok: true, result: (await run()) || {} });
  } catch (e) {
    const kind = e instanceof Refused ? 'failed' : e instanceof BadRequest ? 'bad-request' : 'internal';
    if (kind === 'internal') console.error(e && e.stack);
    write({ id, ok: false, error: { kind, message: String(e && e.message) } });
  }
}

function serve(hello, handlers) {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      write({ id: null, ok: false, error: { kind: 'bad-request', message: 'not JSON: ' + e.message } });
      return;
    }
    const { id, op } = request;
    const args = request.args || {};
    if (op === 'hello') {
      answer(id, () => {
        if (args.protocol !== PROTOCOL || !(args.versions || []).includes(VERSION)) {
          throw new BadRequest(`this adapter speaks ${PROTOCOL} version ${VERSION}`);
        }
        return { protocol: PROTOCOL, version: VERSION, maxLine: MAX_LINE, ...hello };
      });
    } else if (op === 'shutdown') {
      answer(id, () => ({})).then(() => process.exit(0));
    } else if (handlers[op]) {
      answer(id, () => handlers[op](args));
    } else {
      write({ id, ok: false, error: { kind: 'unsupported', message: 'no operation ' + op } });
    }
  });
  // the harness holds stdin open: when it ends, so does the adapter
  lines.on('close', () => process.exit(0));
}

module.exports = { serve, event, Refused, BadRequest, b64, octets };
