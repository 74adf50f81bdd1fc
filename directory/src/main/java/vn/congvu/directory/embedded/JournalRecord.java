package vn.congvu.directory.embedded;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One journal record: the whole state of an entry after a change, or the fact that it no longer exists. Recording
 * states rather than operations makes replay idempotent and order-safe: the last record for a DN is its state.
 *
 * @param dn    the entry's DN
 * @param entry its full state (operational attributes and hashed passwords included), or null when deleted
 */
record JournalRecord(DN dn, Entry entry) {

    private static final byte STATE = 'S';
    private static final byte DELETED = 'D';

    static JournalRecord state(DN dn, Entry entry) {
        return new JournalRecord(dn, entry);
    }

    static JournalRecord deletion(DN dn) {
        return new JournalRecord(dn, null);
    }

    boolean deleted() {
        return entry == null;
    }

    /** 'S' + the entry as LDIF lines, or 'D' + the DN; UTF-8. */
    byte[] encode() {
        String body = entry == null ? dn.toString() : String.join("\n", entry.toLDIF());
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = entry == null ? DELETED : STATE;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    static JournalRecord decode(byte[] payload, Schema schema) throws IOException {
        if (payload.length < 2) {
            throw new IOException("journal record too short");
        }
        String body = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
        try {
            if (payload[0] == DELETED) {
                return deletion(new DN(body, schema));
            }
            if (payload[0] == STATE) {
                Entry e = LDIFReader.decodeEntry(false, schema, body.split("\n"));
                return state(new DN(e.getDN(), schema), e);
            }
        } catch (LDAPException | LDIFException e) {
            throw new IOException("unreadable journal record: " + e.getMessage(), e);
        }
        throw new IOException("unknown journal record type " + payload[0]);
    }
}
