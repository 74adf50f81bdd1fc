package vn.congvu.gateway.dispatch;

import java.util.Set;
import vn.congvu.gateway.encoding.Alphabet;

/**
 * A message the dispatcher took out of the outbox to submit.
 *
 * @param acceptedParts parts (1-based) the SMSC already acknowledged: they are skipped on a resend
 * @param claimedBefore some gateway took it before (a retry, a resend after a crash): only such a message can
 *                      have acknowledged parts or receipts
 */
public record ClaimedMessage(long id, String recipient, Alphabet alphabet, String text, int parts,
                             Set<Integer> acceptedParts, long createdAt, int attempts, boolean claimedBefore) {
}
