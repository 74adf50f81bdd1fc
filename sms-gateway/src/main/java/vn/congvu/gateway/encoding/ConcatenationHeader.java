package vn.congvu.gateway.encoding;

/** The 6-octet user data header of a concatenated SMS (IEI 0x00, 8-bit reference). */
final class ConcatenationHeader {

    private ConcatenationHeader() {
    }

    static byte[] of(int reference, int total, int sequence) {
        if (total < 2 || total > 255 || sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("part " + sequence + " of " + total);
        }
        return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    }
}
