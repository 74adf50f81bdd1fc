package vn.congvu.mail.imap.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.message.response.FetchResponse.Envelope;
import org.apache.james.mime4j.codec.EncoderUtil;

import vn.congvu.mail.message.HeaderFields;

/**
 * James' envelope with the display names written as comments filled in ({@link CommentNames}): where its
 * address list for a header has an address without a name and the header names it with a comment. When James
 * and the comment reading disagree on a header's addresses, James' list stays as it is.
 */
final class CommentNamedEnvelope implements Envelope {
    private final Envelope james;
    private final Address[] from;
    private final Address[] sender;
    private final Address[] replyTo;
    private final Address[] to;
    private final Address[] cc;
    private final Address[] bcc;

    private CommentNamedEnvelope(Envelope james, byte[] header) {
        this.james = james;
        this.from = named(james.getFrom(), header, "From");
        // Sender and Reply-To default to From: James hands the same list.
        this.sender = james.getSender() == james.getFrom() ? from : named(james.getSender(), header, "Sender");
        this.replyTo = james.getReplyTo() == james.getFrom() ? from : named(james.getReplyTo(), header, "Reply-To");
        this.to = named(james.getTo(), header, "To");
        this.cc = named(james.getCc(), header, "Cc");
        this.bcc = named(james.getBcc(), header, "Bcc");
    }

    /** The envelope with comment names, or James' own when none of its addresses lacks a name. */
    static Envelope of(Envelope james, byte[] header) {
        boolean nameless = List.of(arrayOrEmpty(james.getFrom()), arrayOrEmpty(james.getSender()), arrayOrEmpty(james.getReplyTo()),
                arrayOrEmpty(james.getTo()), arrayOrEmpty(james.getCc()), arrayOrEmpty(james.getBcc())).stream()
            .flatMap(List::stream)
            .anyMatch(address -> address.getPersonalName() == null && address.getHostName() != null);
        return nameless ? new CommentNamedEnvelope(james, header) : james;
    }

    private static List<Address> arrayOrEmpty(Address[] addresses) {
        return addresses == null ? List.of() : List.of(addresses);
    }

    private static Address[] named(Address[] addresses, byte[] header, String field) {
        Optional<String> value = HeaderFields.unfoldedValue(header, field);
        if (addresses == null || value.isEmpty() || value.get().indexOf('(') < 0) {
            return addresses;
        }
        List<Optional<String>> names = CommentNames.of(value.get());
        if (names.size() != addresses.length) {
            return addresses;
        }
        Address[] named = addresses.clone();
        for (int index = 0; index < named.length; index++) {
            Optional<String> name = names.get(index);
            if (named[index].getPersonalName() == null && name.isPresent()) {
                named[index] = new NamedAddress(named[index], displayName(name.get()));
            }
        }
        return named;
    }

    /** As James writes its names: RFC 2047 words when not plain ASCII, so the envelope stays ASCII. */
    private static String displayName(String name) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(name) ? name : EncoderUtil.encodeAddressDisplayName(name);
    }

    @Override
    public String getDate() {
        return james.getDate();
    }

    @Override
    public String getSubject() {
        return james.getSubject();
    }

    @Override
    public Address[] getFrom() {
        return from;
    }

    @Override
    public Address[] getSender() {
        return sender;
    }

    @Override
    public Address[] getReplyTo() {
        return replyTo;
    }

    @Override
    public Address[] getTo() {
        return to;
    }

    @Override
    public Address[] getCc() {
        return cc;
    }

    @Override
    public Address[] getBcc() {
        return bcc;
    }

    @Override
    public String getInReplyTo() {
        return james.getInReplyTo();
    }

    @Override
    public String getMessageId() {
        return james.getMessageId();
    }

    private record NamedAddress(Address address, String name) implements Address {
        @Override
        public String getPersonalName() {
            return name;
        }

        @Override
        public String getAtDomainList() {
            return address.getAtDomainList();
        }

        @Override
        public String getHostName() {
            return address.getHostName();
        }

        @Override
        public String getMailboxName() {
            return address.getMailboxName();
        }
    }
}
