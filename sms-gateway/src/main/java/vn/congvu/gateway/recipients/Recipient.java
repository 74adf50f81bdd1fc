package vn.congvu.gateway.recipients;

/**
 * One person or number a notice goes to.
 *
 * @param target  how the sender reached it: the number as typed, or "uid:…", "group:…/uid", "unit:…/uid"
 * @param number  normalised 84…, or null when there is no usable mobile
 * @param problem why {@code number} is null
 */
public record Recipient(String target, String number, String problem) {

    public static Recipient of(String target, String number) {
        return new Recipient(target, number, null);
    }

    public static Recipient without(String target, String problem) {
        return new Recipient(target, null, problem);
    }
}
