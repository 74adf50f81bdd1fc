package vn.congvu.gateway.outbox;

import java.util.Set;
import vn.congvu.gateway.encoding.Alphabet;

/**
 * A message the dispatcher took out of the outbox to submit.
 *
 * @param acceptedParts parts (1-based) the SMSC already acknowledged: they are skipped on a resend
 */
public record ClaimedMessage(long id, String recipient, Alphabet alphabet, String text, int parts,
                             Set<Integer> acceptedParts, long createdAt, int attempts) {
}
