package vn.congvu.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit record: who did what to whom, when, from where, and what changed. Never a password, a code or a
 * secret: callers put names, states and counts in {@code before}, {@code after} and {@code detail}.
 *
 * @param at      when
 * @param process the program that wrote it ({@code mail}, {@code console}, {@code gateway}, {@code directory})
 * @param action  what happened
 * @param actor   who did it: the login as typed for a sign-in, an administrator's uid, {@code system}
 * @param subject the account or object it was done to (a uid), or null
 * @param source  from where: the client's address, {@code cli}, or null when not known
 * @param before  the state before, or null
 * @param after   the state after, or null
 * @param detail  anything else worth reading (the protocol, the reason), or null
 */
public record AuditEvent(Instant at, String process, AuditAction action, String actor, String subject, String source,
        String before, String after, String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
    }
}
