// An SMSC for black-box tests, written with the npm "smpp" package (its own PDU codec, GSM 03.38 table and
// UCS-2 decoder): it answers every submit_sm, writes what it received as one JSON line on stdout, and sends a
// DELIVRD receipt whose id is in the other base (hex vs decimal), as several real SMSCs do. Each submit_sm line
// also has the arrival time (t, ms since the epoch) and the raw short_message bytes (hex, UDH included).
// Usage: node smsc.js [hex|decimal]   - prints {"event":"listening","port":N} first; exits when stdin closes.
// With SMSC_SYSTEM_ID and SMSC_PASSWORD set, a bind with other credentials is refused (ESME_RINVPASWD).
'use strict';
const smpp = require('smpp');

// keep the bytes as they came, next to the package's own decoding
const decodeMessage = smpp.filters.message.decode;
smpp.filters.message.decode = function (value, skipUdh) {
  const result = decodeMessage.call(this, value, skipUdh);
  if (Buffer.isBuffer(value) && result && typeof result === 'object') {
    result.raw = value.toString('hex');
  }
  return result;
};

const idStyle = process.argv[2] === 'decimal' ? 'decimal' : 'hex';
let nextId = 0x5A000000;
const log = o => process.stdout.write(JSON.stringify(o) + '\n');

const server = smpp.createServer({}, session => {
  const bind = pdu => {
    const expected = process.env.SMSC_SYSTEM_ID;
    if (expected && (pdu.system_id !== expected || pdu.password !== process.env.SMSC_PASSWORD)) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      log({ event: 'bind_refused', command: pdu.command, system_id: pdu.system_id });
      return;
    }
    session.send(pdu.response());
    log({ event: 'bind', command: pdu.command, system_id: pdu.system_id, password: pdu.password ? 'set' : '' });
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('bind_receiver', bind);
  session.on('enquire_link', pdu => session.send(pdu.response()));
  session.on('unbind', pdu => {
    session.send(pdu.response());
    log({ event: 'unbind' });
    session.close();
  });
  session.on('submit_sm', pdu => {
    const n = ++nextId;
    const id = idStyle === 'hex' ? n.toString(16) : String(n);
    session.send(pdu.response({ message_id: id }));
    const sm = pdu.short_message || {};
    log({
      event: 'submit_sm', id, t: Date.now(),
      source: pdu.source_addr, source_ton: pdu.source_addr_ton, source_npi: pdu.source_addr_npi,
      dest: pdu.destination_addr, dest_ton: pdu.dest_addr_ton, dest_npi: pdu.dest_addr_npi,
      data_coding: pdu.data_coding, esm_class: pdu.esm_class, registered_delivery: pdu.registered_delivery,
      message: sm.message, udh: (sm.udh || []).map(b => Buffer.from(b).toString('hex')), short_message: sm.raw
    });
    if (pdu.registered_delivery & 1) {
      const receiptId = idStyle === 'hex' ? String(n) : n.toString(16);
      setTimeout(() => session.deliver_sm({
        source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 4,
        short_message: 'id:' + receiptId + ' sub:001 dlvrd:001 submit date:2611210930 done date:2611210931'
          + ' stat:DELIVRD err:000 text:'
      }), 50);
    }
  });
  session.on('error', () => {});
});

server.listen(0, '127.0.0.1', () => log({ event: 'listening', port: server.address().port }));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
