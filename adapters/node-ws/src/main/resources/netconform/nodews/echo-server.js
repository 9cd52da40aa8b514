// netconform: an echo server on the npm package ws, started by the node-ws adapter.
// Usage: node echo-server.js INSTALL_DIR PATH MAX_PAYLOAD; prints "PORT <n>" once listening.
const path = require('path');
const { WebSocketServer } = require(path.join(process.argv[2], 'node_modules', 'ws'));
const wss = new WebSocketServer({
  host: '127.0.0.1', port: 0, path: process.argv[3], maxPayload: Number(process.argv[4]),
});
wss.on('listening', () => console.log('PORT ' + wss.address().port));
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => {});
});
// the adapter holds our stdin open: when it ends (the JVM is gone), so do we
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
