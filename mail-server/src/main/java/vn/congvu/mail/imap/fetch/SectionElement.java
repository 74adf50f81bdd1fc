package vn.congvu.mail.imap.fetch;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.apache.james.imap.message.response.FetchResponse;

/** A fetched section's octets under the name the client asked for it by. */
final class SectionElement implements FetchResponse.BodyElement {
    private final String name;
    private final byte[] octets;

    SectionElement(String name, byte[] octets) {
        this.name = name;
        this.octets = octets;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long size() {
        return octets.length;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(octets);
    }
}
