package vn.congvu.gateway.encoding;

/**
 * The alphabet an SMS actually goes out in, with its SMPP data_coding and per-part capacities. Which characters
 * GSM-7 carries is {@link vn.congvu.directory.text.Gsm7Alphabet}, one table for the gateway and the mail server.
 */
public enum Alphabet {
    /** SMSC default alphabet; capacities in septets. */
    GSM7((byte) 0x00, 160, 153),
    /** UCS-2 (UTF-16BE, no BOM); capacities in UTF-16 code units. */
    UCS2((byte) 0x08, 70, 67);

    private final byte dataCoding;
    private final int singleCapacity;
    private final int partCapacity;

    Alphabet(byte dataCoding, int singleCapacity, int partCapacity) {
        this.dataCoding = dataCoding;
        this.singleCapacity = singleCapacity;
        this.partCapacity = partCapacity;
    }

    public byte dataCoding() {
        return dataCoding;
    }

    public int singleCapacity() {
        return singleCapacity;
    }

    /** Per part of a concatenated message: the 6-octet UDH takes the rest. */
    public int partCapacity() {
        return partCapacity;
    }
}
