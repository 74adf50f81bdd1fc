package vn.congvu.directory.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ldaptive.AttributeModification;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapException;
import org.ldaptive.ModifyOperation;
import org.ldaptive.ModifyRequest;
import org.ldaptive.ModifyResponse;
import org.ldaptive.ResultCode;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;

/** Modifications of an official's entry as the service account. */
final class EntryWrites {

    /**
     * How servers refuse a {@link #swap} whose old value is gone or whose new one arrived first: noSuchAttribute
     * (the value to delete is not there), attributeOrValueExists, and, for a second value of a single-valued
     * attribute, constraintViolation (slapd) or objectClassViolation (UnboundID).
     */
    private static final Set<ResultCode> CHANGED_MEANWHILE = Set.of(ResultCode.NO_SUCH_ATTRIBUTE,
            ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, ResultCode.CONSTRAINT_VIOLATION, ResultCode.OBJECT_CLASS_VIOLATION);

    private EntryWrites() {
    }

    /** Applies the modifications (all or none, as LDAP does); a refusal throws. */
    static void modify(DirectoryClient client, String dn, AttributeModification... modifications) {
        ModifyResponse r = execute(client, dn, modifications);
        if (!r.isSuccess()) {
            throw DirectoryClient.failure("modify " + dn, new LdapException(r));
        }
    }

    /** Sends the modify and returns the server's answer, whatever it is. */
    static ModifyResponse execute(DirectoryClient client, String dn, AttributeModification... modifications) {
        try {
            return new ModifyOperation(client.connectionFactory()).execute(new ModifyRequest(dn, modifications));
        } catch (LdapException e) {
            throw DirectoryClient.failure("modify " + dn, e);
        }
    }

    /** REPLACE with the values given; with none, the attribute is removed if present (no error if absent). */
    static AttributeModification replace(String attribute, String... values) {
        return new AttributeModification(AttributeModification.Type.REPLACE, new LdapAttribute(attribute, values));
    }

    /**
     * Compare-and-set of one value in one modify: deletes exactly {@code expected} (null: the attribute must have no
     * value, for a single-valued one) and adds {@code next} (null: nothing), all or nothing. Two processes swapping
     * the same value at once: the server applies one modify after the other, so the second finds its value gone and
     * fails; this returns false for it, true when done. Any other refusal throws.
     */
    static boolean swap(DirectoryClient client, String dn, String attribute, String expected, String next,
            AttributeModification... alsoModify) {
        List<AttributeModification> mods = new ArrayList<>();
        if (expected != null) {
            mods.add(new AttributeModification(AttributeModification.Type.DELETE,
                    new LdapAttribute(attribute, expected)));
        }
        if (next != null) {
            mods.add(new AttributeModification(AttributeModification.Type.ADD, new LdapAttribute(attribute, next)));
        }
        mods.addAll(List.of(alsoModify));
        if (mods.isEmpty()) {
            return true;
        }
        ModifyResponse r = execute(client, dn, mods.toArray(AttributeModification[]::new));
        if (r.isSuccess()) {
            return true;
        }
        if (CHANGED_MEANWHILE.contains(r.getResultCode())) {
            return false;
        }
        // the result code only: a server's message may quote the value, and these values are keys and hashes
        throw new DirectoryException("modify " + attribute + " of " + dn + ": " + r.getResultCode());
    }
}
