// The SMSC peer of bench/sms.sh: the npm "smpp" package answering every submit_sm at once (no receipts), so
// both the gateway and Kannel are measured against the same, independent peer. Every 100 ms it prints
// {"count":N,"first":ms,"last":ms,"sessions":[submit_sm per session]} when the count changed.
// Usage: node peer.js PORT
'use strict';
const smpp = require('../../sms-gateway/src/test/node/node_modules/smpp');

let count = 0;
let first = 0;
let last = 0;
let printed = -1;
let nextId = 1;
const sessions = [];

const server = smpp.createServer({}, session => {
  const mine = sessions.length;
  sessions.push(0);
  const bind = pdu => session.send(pdu.response());
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('bind_receiver', bind);
  session.on('enquire_link', pdu => session.send(pdu.response()));
  session.on('unbind', pdu => { session.send(pdu.response()); session.close(); });
  session.on('submit_sm', pdu => {
    const now = Date.now();
    if (count === 0) {
      first = now;
    }
    count++;
    sessions[mine]++;
    last = now;
    session.send(pdu.response({ message_id: (nextId++).toString(16) }));
  });
  session.on('error', () => {});
});

setInterval(() => {
  if (count !== printed) {
    printed = count;
    process.stdout.write(JSON.stringify({ count, first, last, sessions }) + '\n');
  }
}, 100);
server.listen(Number(process.argv[2]), '127.0.0.1');
