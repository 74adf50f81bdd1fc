package vn.congvu.gateway.outbox;

/**
 * One recipient of a notice as it goes into the outbox.
 *
 * @param target    what the sender asked for (a number as typed, a uid)
 * @param recipient the normalised number 84…, or null when there is none
 * @param problem   why there is no number (stored as the INVALID reason)
 */
public record NewMessage(String target, String recipient, String problem) {
}
