package vn.congvu.directory.signin;

import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.AccountStatus;

/**
 * An administrator disables or enables an account ({@code congvuAccountStatus}): a disabled official can neither
 * sign in anywhere nor receive mail. Compare-and-set on the value read, so two administrators acting at once leave
 * one audit record of the change, and a change to the state the account already has changes nothing.
 */
final class AccountStatusChanges {

    private final DirectoryClient client;
    private final AuditLog audit;

    AccountStatusChanges(DirectoryClient client, AuditLog audit) {
        this.client = client;
        this.audit = audit;
    }

    /** True when this call changed the status; false when the account already had it. */
    boolean set(String dn, AccountStatus status, String actor, String source) {
        String current = client.entry(dn, OfficialAttributes.STATUS)
                .orElseThrow(() -> new IllegalArgumentException("no entry " + dn))
                .getAttributeStringValue(OfficialAttributes.STATUS);
        AccountStatus before = AccountStatus.fromLdap(current);
        if (before == status) {
            return false;
        }
        if (!EntryWrites.swap(client, dn, OfficialAttributes.STATUS, current, status.ldapValue())) {
            return false; // another administrator changed it meanwhile; their change is the one audited
        }
        audit.record(status == AccountStatus.DISABLED ? AuditAction.ACCOUNT_DISABLED : AuditAction.ACCOUNT_ENABLED,
                actor, SignInPolicy.uidOf(dn), source, before.ldapValue(), status.ldapValue(), null);
        return true;
    }
}
