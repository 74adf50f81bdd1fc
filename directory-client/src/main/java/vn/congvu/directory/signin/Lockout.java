package vn.congvu.directory.signin;

import java.time.Clock;
import java.util.Set;
import org.ldaptive.AttributeModification;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapException;
import org.ldaptive.ModifyResponse;
import org.ldaptive.ResultCode;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;

/**
 * Failed sign-ins counted in the official's entry, so every process and node counts together: each failure is one
 * Modify-Increment (RFC 4525), which the server applies atomically, never a read-modify-write. The failure that
 * brings the count to {@code lockout.attempts} sets {@code congvuLockedUntil} and starts the count again, so the
 * account is refused until then and has the full number of attempts after it. Used through {@link SignInPolicy}.
 */
record Lockout(DirectoryClient client, AccountPolicy policy, Clock clock, String counter) {

    /** Wrong passwords in a row. */
    static Lockout signIns(DirectoryClient client, AccountPolicy policy, Clock clock) {
        return new Lockout(client, policy, clock, SignInAttributes.FAILED_SIGN_INS);
    }

    /**
     * Wrong second-factor codes in a row, counted apart: a right password clears the password count, so an
     * attacker who has the password could otherwise guess codes for ever, one sign-in per guess.
     */
    static Lockout secondFactor(DirectoryClient client, AccountPolicy policy, Clock clock) {
        return new Lockout(client, policy, clock, SignInAttributes.SECOND_FACTOR_FAILURES);
    }

    /** A missing count: noSuchAttribute (RFC 4525), constraintViolation from UnboundID's in-memory server. */
    private static final Set<ResultCode> NO_COUNT_YET =
            Set.of(ResultCode.NO_SUCH_ATTRIBUTE, ResultCode.CONSTRAINT_VIOLATION);
    /**
     * The single-valued count another process added first: attributeOrValueExists for the same value,
     * constraintViolation (slapd) or objectClassViolation (UnboundID) for a second one.
     */
    private static final Set<ResultCode> COUNT_ADDED_MEANWHILE = Set.of(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
            ResultCode.CONSTRAINT_VIOLATION, ResultCode.OBJECT_CLASS_VIOLATION);

    /** Counts one failed sign-in; true when it locked the account. */
    boolean recordFailure(String dn) {
        increment(dn);
        int count = client.entry(dn, counter)
                .map(e -> e.getAttributeStringValue(counter))
                .map(v -> Integer.parseInt(v.strip())).orElse(0);
        if (count < policy.lockoutAttempts()) {
            return false;
        }
        modify(dn, replace(SignInAttributes.LOCKED_UNTIL,
                        SignInAttributes.time(clock.instant().plus(policy.lockoutDuration()))),
                replace(counter, "0"));
        return true;
    }

    /** After a right password: the count back to 0, written only when it is not 0 already (no write per login). */
    void recordSuccess(String dn, int currentFailureCount) {
        if (currentFailureCount != 0) {
            unlock(dn);
        }
    }

    /** Lifts a lock and clears both counts (an administrator's action, or part of a password change). */
    void unlock(String dn) {
        modify(dn, clearModifications());
    }

    /** The modifications that clear the count and any lock, for writers that change more at once. */
    static AttributeModification[] clearModifications() {
        return new AttributeModification[] {
                replace(SignInAttributes.FAILED_SIGN_INS, "0"), replace(SignInAttributes.SECOND_FACTOR_FAILURES),
                replace(SignInAttributes.LOCKED_UNTIL)};
    }

    /**
     * +1, atomically. An entry that never failed has no count yet, and RFC 4525 does not create one: the first
     * failure adds "1"; when another process added it in between (the add fails), increment that.
     */
    private void increment(String dn) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (counted(dn, AttributeModification.Type.INCREMENT, NO_COUNT_YET)
                    || counted(dn, AttributeModification.Type.ADD, COUNT_ADDED_MEANWHILE)) {
                return;
            }
        }
        throw new DirectoryException("count a failed sign-in of " + dn + ": the count kept changing");
    }

    /** True when the modification went through; false for an answer in {@code retry}; throws for any other. */
    private boolean counted(String dn, AttributeModification.Type type, Set<ResultCode> retry) {
        ModifyResponse r = EntryWrites.execute(client, dn,
                new AttributeModification(type, new LdapAttribute(counter, "1")));
        if (r.isSuccess()) {
            return true;
        }
        if (retry.contains(r.getResultCode())) {
            return false;
        }
        throw DirectoryClient.failure("count a failed sign-in of " + dn, new LdapException(r));
    }

    private void modify(String dn, AttributeModification... modifications) {
        EntryWrites.modify(client, dn, modifications);
    }

    private static AttributeModification replace(String attribute, String... values) {
        return EntryWrites.replace(attribute, values);
    }
}
