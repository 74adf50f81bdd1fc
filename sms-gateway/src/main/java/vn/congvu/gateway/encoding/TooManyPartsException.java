package vn.congvu.gateway.encoding;

/** The text needs more SMS parts than the configured maximum. */
public class TooManyPartsException extends IllegalArgumentException {

    private final int parts;
    private final int maxParts;

    public TooManyPartsException(Alphabet alphabet, int parts, int maxParts) {
        super("text needs " + parts + " SMS parts in " + alphabet + ", more than the limit of " + maxParts);
        this.parts = parts;
        this.maxParts = maxParts;
    }

    public int parts() {
        return parts;
    }

    public int maxParts() {
        return maxParts;
    }
}
