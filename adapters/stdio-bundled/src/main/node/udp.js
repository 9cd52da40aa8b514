// netconform stdio adapter: UDP connect semantics with Node.js's dgram (target node-dgram), on this
// machine's kernel. A dgram socket is created with its options (reuseAddr), so the adapter creates it at
// the first operation after the options were set. Received datagrams and socket errors (ECONNREFUSED
// from an ICMP port unreachable arrives as an 'error' event) wait in one queue for udp.receive.
'use strict';
const dgram = require('dgram');
const { serve, BadRequest, b64, octets } = require('./stdio');

const OUTCOMES = {
  EDESTADDRREQ: 'NOT_CONNECTED', ENOTCONN: 'NOT_CONNECTED', ERR_SOCKET_DGRAM_NOT_CONNECTED: 'NOT_CONNECTED',
  ERR_MISSING_ARGS: 'NOT_CONNECTED', ERR_SOCKET_BAD_PORT: 'INVALID',
  EISCONN: 'ALREADY_CONNECTED', ERR_SOCKET_DGRAM_IS_CONNECTED: 'ALREADY_CONNECTED',
  ECONNREFUSED: 'PORT_UNREACHABLE', EADDRINUSE: 'ADDRESS_IN_USE', EADDRNOTAVAIL: 'ADDRESS_NOT_AVAILABLE',
  EAGAIN: 'WOULD_BLOCK', EINVAL: 'INVALID', ERR_SOCKET_ALREADY_BOUND: 'INVALID', EMSGSIZE: 'MESSAGE_TOO_LONG',
  EBADF: 'CLOSED', ERR_SOCKET_DGRAM_NOT_RUNNING: 'CLOSED',
};
const sockets = new Map();

function outcomeOf(e) {
  return { outcome: OUTCOMES[e.code] || 'INVALID', errno: String(e.code || e.message) };
}

function entry(args) {
  const s = sockets.get(args.socket);
  if (!s) throw new BadRequest('no socket ' + args.socket);
  return s;
}

// the dgram socket, created on first use with the options set so far
function sock(s) {
  if (!s.socket) {
    s.socket = dgram.createSocket({ type: 'udp4', reuseAddr: s.reuseAddr });
    s.socket.on('message', (msg, rinfo) => deliver(s, { outcome: 'OK', payload: b64(msg), source: `${rinfo.address}:${rinfo.port}` }));
    // bind and connect fail through an 'error' event: it answers the call in progress; any other error
    // (ECONNREFUSED for a connected socket) is what a receive reports
    s.socket.on('error', (e) => (s.pendingError ? s.pendingError(e) : deliver(s, outcomeOf(e))));
  }
  return s.socket;
}

function deliver(s, item) {
  if (s.waiting) {
    const w = s.waiting;
    s.waiting = null;
    clearTimeout(w.timer);
    w.resolve(item);
  } else if (s.queue.length < 10000) {
    s.queue.push(item);
  }
}

function split(address) {
  const i = address.lastIndexOf(':');
  return [address.slice(0, i), Number(address.slice(i + 1))];
}

// runs a dgram call that reports through a callback or an 'error' event, or throws
function settle(s, start) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r) => { if (!done) { done = true; s.pendingError = null; resolve(r); } };
    s.pendingError = (e) => finish(outcomeOf(e));
    try {
      start((err, value) => finish(err ? outcomeOf(err) : { outcome: 'OK', ...(value || {}) }));
    } catch (e) {
      finish(outcomeOf(e));
    }
  });
}

const handlers = {
  'udp.open': (a) => { sockets.set(a.socket, { queue: [], reuseAddr: false }); return {}; },
  'udp.setOption': (a) => {
    const s = entry(a);
    if (s.socket) return { outcome: 'INVALID', errno: 'options are given when the socket is created' };
    if (a.option !== 'reuse-address') return { outcome: 'INVALID', errno: 'dgram has no ' + a.option };
    s.reuseAddr = Boolean(a.value);
    return { outcome: 'OK' };
  },
  'udp.bind': (a) => {
    const s = entry(a);
    const [address, port] = split(a.address);
    const socket = sock(s);
    return settle(s, (cb) => socket.bind({ address, port, exclusive: true }, () => cb(null)));
  },
  'udp.connect': (a) => {
    const s = entry(a);
    const [address, port] = split(a.address);
    const socket = sock(s);
    return settle(s, (cb) => socket.connect(port, address, (err) => cb(err)));
  },
  'udp.disconnect': (a) => {
    const s = entry(a);
    const socket = sock(s);
    try {
      socket.disconnect();
      return { outcome: 'OK' };
    } catch (e) {
      return outcomeOf(e);
    }
  },
  'udp.send': (a) => {
    const s = entry(a);
    const socket = sock(s);
    const data = octets(a.payload);
    return settle(s, (cb) => socket.send(data, (err, n) => cb(err, { sent: n })));
  },
  'udp.sendTo': (a) => {
    const s = entry(a);
    const socket = sock(s);
    const data = octets(a.payload);
    const [address, port] = split(a.address);
    return settle(s, (cb) => socket.send(data, port, address, (err, n) => cb(err, { sent: n })));
  },
  'udp.receive': (a) => {
    const s = entry(a);
    if (s.socket) sock(s);
    if (s.queue.length > 0) return s.queue.shift();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { s.waiting = null; resolve({ outcome: 'WOULD_BLOCK' }); }, Math.max(1, a.timeoutMs));
      s.waiting = { resolve, timer };
    });
  },
  'udp.localAddress': (a) => {
    const s = entry(a);
    try {
      const { address, port } = s.socket.address();
      return { address: port ? `${address}:${port}` : null };
    } catch (e) {
      return { address: null };
    }
  },
  'udp.remoteAddress': (a) => {
    const s = entry(a);
    try {
      const { address, port } = s.socket.remoteAddress();
      return { address: `${address}:${port}` };
    } catch (e) {
      return { address: null };
    }
  },
  'udp.close': (a) => {
    const s = entry(a);
    sockets.delete(a.socket);
    if (s.socket) {
      try { s.socket.close(); } catch (e) { /* closed already */ }
    }
    return { outcome: 'OK' };
  },
};

serve({
  target: 'node-dgram',
  implementation: { name: 'Node.js dgram (udp4)', version: process.version },
  areas: { udp: { layer: 'model', capabilities: ['reuse-address', 'disconnect'] } },
}, handlers);
