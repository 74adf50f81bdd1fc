package vn.congvu.gateway.smpp;

/** The registered sender name: TON 5 (alphanumeric), NPI 0, as every Vietnamese operator registers it. */
public record Brandname(String value) {

    public static final byte TON_ALPHANUMERIC = 5;
    public static final byte NPI_UNKNOWN = 0;

    public Brandname {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("brandname is empty (set CONGVU_BRANDNAME or gateway.smpp.brandname)");
        }
        if (value.length() > 11) {
            throw new IllegalArgumentException("brandname '" + value + "' has " + value.length()
                    + " characters; operators register at most 11");
        }
        if (!value.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("brandname '" + value
                    + "' may only have the letters A-Z, a-z and digits (no spaces, accents or symbols)");
        }
    }
}
