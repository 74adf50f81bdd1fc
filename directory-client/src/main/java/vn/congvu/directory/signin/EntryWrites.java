package vn.congvu.directory.signin;

import org.ldaptive.AttributeModification;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapException;
import org.ldaptive.ModifyOperation;
import org.ldaptive.ModifyRequest;
import org.ldaptive.ModifyResponse;
import vn.congvu.directory.client.DirectoryClient;

/** Modifications of an official's entry as the service account. */
final class EntryWrites {

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
}
