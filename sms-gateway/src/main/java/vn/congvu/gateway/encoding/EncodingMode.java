package vn.congvu.gateway.encoding;

import java.util.Locale;

/** What a notice asks for. */
public enum EncodingMode {
    /** GSM-7, Vietnamese written without diacritics: what operators expect, 160 characters per SMS. */
    GSM7,
    /** UCS-2 with diacritics, 70 characters per SMS. */
    UCS2,
    /** The cheaper of the two that keeps the meaning. */
    AUTO;

    /** Accepts the spellings people use: gsm7, gsm, gsm-7, ucs2, ucs-2, unicode, auto. */
    public static EncodingMode parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (v) {
            case "gsm7", "gsm", "khongdau", "unaccented" -> GSM7;
            case "ucs2", "unicode", "codau" -> UCS2;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    "unknown encoding '" + value + "' (expected gsm7, ucs2 or auto)");
        };
    }
}
