package vn.congvu.mail.imap.names;

import java.nio.charset.CharacterCodingException;

import org.apache.james.imap.api.display.ModifiedUtf7;

/**
 * Whether a mailbox name (or LIST pattern) as sent by a client is valid modified UTF-7 (RFC 3501 5.1.3). James
 * decodes names with a charset that throws an {@link Error} on invalid input ("R&D": '&' must start a
 * base64 run ended by '-', a literal '&' is written "&-"), which closes the connection.
 */
public final class ModifiedUtf7Names {
    private ModifiedUtf7Names() {
    }

    public static boolean valid(String name) {
        try {
            ModifiedUtf7.decodeModifiedUTF7(name);
            return true;
        } catch (Error decoding) {
            if (invalidName(decoding)) {
                return false;
            }
            throw decoding;
        }
    }

    /** The error James' mailbox name decoding throws on a name that is not modified UTF-7. */
    public static boolean invalidName(Error error) {
        return error.getCause() instanceof CharacterCodingException;
    }
}
