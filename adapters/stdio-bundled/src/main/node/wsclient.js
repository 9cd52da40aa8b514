// netconform stdio adapter: the WebSocket client of the npm package ws (target node-ws-client).
// new WebSocket(url, protocols) with ws's defaults; what ws emits to its application ('message', 'ping',
// 'pong', 'close', 'error') goes back as events. ws is found through NODE_PATH (the harness installs the
// pinned version).
'use strict';
const WebSocket = require('ws');
const { serve, event, Refused, BadRequest, b64, octets } = require('./stdio');

const connections = new Map();

function conn(args) {
  const ws = connections.get(args.connection);
  if (!ws) throw new BadRequest('no connection ' + args.connection);
  return ws;
}

function connect(args) {
  const id = args.connection;
  return new Promise((resolve, reject) => {
    let open = false;
    let ws;
    try {
      ws = new WebSocket(args.uri, args.subprotocols || [], { handshakeTimeout: args.timeoutMs });
    } catch (e) {
      reject(new Refused(`${e.name}: ${e.message}`));
      return;
    }
    ws.on('open', () => {
      open = true;
      connections.set(id, ws);
      resolve({});
    });
    ws.on('unexpected-response', (req, res) => {
      reject(new Refused(`unexpected response: ${res.statusCode} ${res.statusMessage}`));
      req.destroy();
    });
    ws.on('message', (data, isBinary) => {
      const payload = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      event('wsclient.message', { connection: id, type: isBinary ? 'binary' : 'text', payload: b64(payload) });
    });
    ws.on('ping', (data) => event('wsclient.ping', { connection: id, payload: b64(data) }));
    ws.on('pong', (data) => event('wsclient.pong', { connection: id, payload: b64(data) }));
    ws.on('error', (e) => {
      if (!open) {
        reject(new Refused(`${e.name}: ${e.message}`));
      } else {
        event('wsclient.error', { connection: id, message: `${e.name} ${e.code || ''}: ${e.message}` });
      }
    });
    ws.on('close', (code, reason) => {
      if (!open) {
        reject(new Refused(`closed during the opening handshake: ${code}`));
        return;
      }
      // ws reports the code of the server's Close frame (1005 when it had none; 1006 when none came)
      if (code !== 1006) {
        event('wsclient.closeFrame', { connection: id, code, reason: reason.toString() });
      }
      event('wsclient.closed', { connection: id, code, reason: reason.toString(), remote: true });
    });
  });
}

// an asynchronous send: settled when ws calls back
function sent(start) {
  return new Promise((resolve, reject) => {
    try {
      start((err) => (err ? reject(new Refused(`${err.name}: ${err.message}`)) : resolve({})));
    } catch (e) {
      reject(new Refused(`${e.name}: ${e.message}`));
    }
  });
}

serve({
  target: 'node-ws-client',
  implementation: { name: 'npm ws (WebSocket client)', version: require('ws/package.json').version },
  areas: {
    wsclient: {
      layer: 'endpoint',
      capabilities: ['observe-pings', 'observe-close', 'send-raw-close-code', 'send-ping', 'subprotocols'],
    },
  },
}, {
  'wsclient.connect': connect,
  'wsclient.sendText': (a) => sent((cb) => conn(a).send(a.text, cb)),
  'wsclient.sendBinary': (a) => sent((cb) => conn(a).send(octets(a.payload), { binary: true }, cb)),
  'wsclient.sendPing': (a) => sent((cb) => conn(a).ping(octets(a.payload), undefined, cb)),
  'wsclient.close': (a) => {
    try {
      conn(a).close(a.code, a.reason);
    } catch (e) {
      throw new Refused(`${e.name}: ${e.message}`);
    }
    return {};
  },
  'wsclient.abort': (a) => {
    const ws = connections.get(a.connection);
    connections.delete(a.connection);
    if (ws) ws.terminate();
    return {};
  },
});
