package vn.congvu.gateway.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * A text ready for submit_sm: the alphabet chosen, the text as the phone will show it, and the payload
 * of each part without its header (the concatenation reference is only known once the message is stored).
 *
 * @param lossy true when some character had no GSM-7 form and became '?'
 */
public record EncodedSms(Alphabet alphabet, String text, List<byte[]> segments, boolean lossy) {

    public EncodedSms {
        segments = List.copyOf(segments);
    }

    public int parts() {
        return segments.size();
    }

    public boolean concatenated() {
        return segments.size() > 1;
    }

    /**
     * Room left in the last part before another part is needed: septets for GSM-7 (an escaped character such as
     * '€' takes two), UTF-16 code units for UCS-2. What the notices page shows as "characters left".
     */
    public int roomInLastPart() {
        int octetsPerSlot = alphabet == Alphabet.UCS2 ? 2 : 1;
        int used = segments.get(segments.size() - 1).length / octetsPerSlot;
        return (concatenated() ? alphabet.partCapacity() : alphabet.singleCapacity()) - used;
    }

    /** The short_message octets of each part, with the UDH when there are several (esm_class then sets UDHI). */
    public List<byte[]> shortMessages(int reference) {
        if (!concatenated()) {
            return segments;
        }
        List<byte[]> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            byte[] header = ConcatenationHeader.of(reference & 0xFF, segments.size(), i + 1);
            byte[] body = segments.get(i);
            byte[] whole = new byte[header.length + body.length];
            System.arraycopy(header, 0, whole, 0, header.length);
            System.arraycopy(body, 0, whole, header.length, body.length);
            out.add(whole);
        }
        return out;
    }
}
