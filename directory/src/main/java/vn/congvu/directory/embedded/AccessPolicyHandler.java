package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.listener.SearchEntryTransformer;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ObjectPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.congvu.directory.signin.SignInAttributes;

/**
 * Who may do what, decided per connection from its last bind: anonymous clients may only bind (and read the root
 * DSE, which clients and pool validators probe); authenticated officials may read, but never password hashes or the other secrets, and
 * change their own password with the Password Modify extended operation, giving the current one; only the root DN
 * writes anything else. One instance per client connection, created by {@link #newInstance}.
 */
final class AccessPolicyHandler extends LDAPListenerRequestHandler implements SearchEntryTransformer {

    /** Per search for anyone but the root DN; paged searches (the directory client pages) get this per page. */
    static final int USER_SIZE_LIMIT = 1000;
    /**
     * Attributes only the root DN reads, compares or filters on, by every name and OID the schema gives them:
     * userPassword and {@link SignInAttributes#SECRET} (password history, TOTP keys, recovery and reset codes).
     */
    private final Set<String> secretAttributes;
    private static final String ANONYMOUS = "anonymous clients may only bind";
    private static final String ROOT_ONLY = "only the directory administrator may change entries";
    private static final String OWN_PASSWORD_ONLY =
            "officials may only change their own password, giving the current one and the new one";

    private final LDAPListenerRequestHandler next;
    private final DN rootDn;
    private final Schema schema;
    /** DN of the last successful bind on this connection; null while anonymous. */
    private volatile DN boundAs;

    AccessPolicyHandler(LDAPListenerRequestHandler next, DN rootDn, Schema schema) {
        this.next = next;
        this.rootDn = rootDn;
        this.schema = schema;
        this.secretAttributes = secretNames(schema);
    }

    private static Set<String> secretNames(Schema schema) {
        Set<String> names = new HashSet<>(Set.of("userpassword", "2.5.4.35"));
        for (String name : SignInAttributes.SECRET) {
            names.add(name.toLowerCase(Locale.ROOT));
            AttributeTypeDefinition type = schema == null ? null : schema.getAttributeType(name);
            if (type != null) {
                names.add(type.getOID());
                for (String alias : type.getNames()) {
                    names.add(alias.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(names);
    }

    @Override
    public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        AccessPolicyHandler h = new AccessPolicyHandler(next.newInstance(connection), rootDn, schema);
        connection.addSearchEntryTransformer(h);
        return h;
    }

    @Override
    public void closeInstance() {
        next.closeInstance();
    }

    private boolean isRoot() {
        return rootDn.equals(boundAs);
    }

    private boolean isAnonymous() {
        return boundAs == null;
    }

    // ---- bind ----

    @Override
    public LDAPMessage processBindRequest(int messageID, BindRequestProtocolOp request, List<Control> controls) {
        if (request.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            boundAs = null;
            return new LDAPMessage(messageID, new BindResponseProtocolOp(
                    ResultCode.AUTH_METHOD_NOT_SUPPORTED_INT_VALUE, null, "only simple binds are supported",
                    null, null));
        }
        LDAPMessage response = next.processBindRequest(messageID, request, controls);
        DN who = null;
        if (response.getBindResponseProtocolOp().getResultCode() == ResultCode.SUCCESS_INT_VALUE) {
            try {
                DN dn = new DN(request.getBindDN(), schema);
                who = dn.isNullDN() ? null : dn;
            } catch (LDAPException e) {
                who = null; // cannot happen: the server accepted the DN
            }
        }
        boundAs = who; // a failed bind leaves the connection anonymous, as RFC 4513 says
        return response;
    }

    // ---- reads ----

    @Override
    public LDAPMessage processSearchRequest(int messageID, SearchRequestProtocolOp request, List<Control> controls) {
        if (isAnonymous()) {
            if (request.getBaseDN().isEmpty() && request.getScope() == SearchScope.BASE) {
                return next.processSearchRequest(messageID, request, controls); // root DSE only
            }
            return searchDenied(messageID, ANONYMOUS);
        }
        if (isRoot()) {
            return next.processSearchRequest(messageID, request, controls);
        }
        if (mentionsSecret(request.getFilter())) {
            // A substring filter on a hash or key would let a reader recover it character by character.
            return searchDenied(messageID, "secret attributes cannot be used in search filters");
        }
        int limit = request.getSizeLimit();
        if (limit <= 0 || limit > USER_SIZE_LIMIT) {
            request = new SearchRequestProtocolOp(request.getBaseDN(), request.getScope(), request.getDerefPolicy(),
                    USER_SIZE_LIMIT, request.getTimeLimit(), request.typesOnly(), request.getFilter(),
                    request.getAttributes());
        }
        return next.processSearchRequest(messageID, request, controls);
    }

    private static LDAPMessage searchDenied(int messageID, String why) {
        return new LDAPMessage(messageID, new SearchResultDoneProtocolOp(
                ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, why, null));
    }

    private boolean mentionsSecret(Filter f) {
        if (f == null) {
            return false;
        }
        switch (f.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter c : f.getComponents()) {
                    if (mentionsSecret(c)) {
                        return true;
                    }
                }
                return false;
            }
            case Filter.FILTER_TYPE_NOT -> {
                return mentionsSecret(f.getNOTComponent());
            }
            default -> {
                return isSecret(f.getAttributeName());
            }
        }
    }

    private boolean isSecret(String attributeName) {
        if (attributeName == null) {
            return false;
        }
        return secretAttributes.contains(Attribute.getBaseName(attributeName).toLowerCase(Locale.ROOT));
    }

    /** Secrets are for the server and the service account: stripped from every entry sent to anyone else. */
    @Override
    public ObjectPair<SearchResultEntryProtocolOp, Control[]> transformEntry(int messageID,
            SearchResultEntryProtocolOp entry, Control[] controls) {
        if (isRoot()) {
            return new ObjectPair<>(entry, controls);
        }
        List<Attribute> kept = new ArrayList<>(entry.getAttributes().size());
        for (Attribute a : entry.getAttributes()) {
            if (!isSecret(a.getName())) {
                kept.add(a);
            }
        }
        return new ObjectPair<>(new SearchResultEntryProtocolOp(entry.getDN(), kept), controls);
    }

    @Override
    public LDAPMessage processCompareRequest(int messageID, CompareRequestProtocolOp request, List<Control> controls) {
        String denied = isAnonymous() ? ANONYMOUS
                : !isRoot() && isSecret(request.getAttributeName()) ? "secret attributes cannot be compared" : null;
        if (denied != null) {
            return new LDAPMessage(messageID, new CompareResponseProtocolOp(
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null));
        }
        return next.processCompareRequest(messageID, request, controls);
    }

    // ---- writes: root only ----

    private String writeDenied() {
        return isAnonymous() ? ANONYMOUS : isRoot() ? null : ROOT_ONLY;
    }

    @Override
    public LDAPMessage processAddRequest(int messageID, AddRequestProtocolOp request, List<Control> controls) {
        String denied = writeDenied();
        return denied == null ? next.processAddRequest(messageID, request, controls)
                : new LDAPMessage(messageID, new AddResponseProtocolOp(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null));
    }

    @Override
    public LDAPMessage processModifyRequest(int messageID, ModifyRequestProtocolOp request, List<Control> controls) {
        String denied = writeDenied();
        return denied == null ? next.processModifyRequest(messageID, request, controls)
                : new LDAPMessage(messageID, new ModifyResponseProtocolOp(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null));
    }

    @Override
    public LDAPMessage processDeleteRequest(int messageID, DeleteRequestProtocolOp request, List<Control> controls) {
        String denied = writeDenied();
        return denied == null ? next.processDeleteRequest(messageID, request, controls)
                : new LDAPMessage(messageID, new DeleteResponseProtocolOp(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null));
    }

    @Override
    public LDAPMessage processModifyDNRequest(int messageID, ModifyDNRequestProtocolOp request,
            List<Control> controls) {
        String denied = writeDenied();
        return denied == null ? next.processModifyDNRequest(messageID, request, controls)
                : new LDAPMessage(messageID, new ModifyDNResponseProtocolOp(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null));
    }

    /**
     * Who-am-I for any authenticated client; password modify for the root DN, and for an official on their own entry
     * with the current password. Everything else,
     * transactions in particular, is refused: their changes would bypass the journal's per-operation hooks.
     */
    @Override
    public LDAPMessage processExtendedRequest(int messageID, ExtendedRequestProtocolOp request,
            List<Control> controls) {
        String oid = request.getOID();
        String denied;
        if (isAnonymous()) {
            denied = ANONYMOUS;
        } else if (WhoAmIExtendedRequest.WHO_AM_I_REQUEST_OID.equals(oid)) {
            denied = null;
        } else if (PasswordModifyExtendedRequest.PASSWORD_MODIFY_REQUEST_OID.equals(oid)) {
            denied = isRoot() ? null : ownPasswordDenied(request, controls);
        } else {
            return new LDAPMessage(messageID, new ExtendedResponseProtocolOp(
                    ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                    "extended operation " + oid + " is not supported", null, null, null));
        }
        return denied == null ? next.processExtendedRequest(messageID, request, controls)
                : new LDAPMessage(messageID, new ExtendedResponseProtocolOp(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE, null, denied, null, null, null));
    }

    /**
     * An official may change their own password and nothing else: Password Modify naming no user or their own DN,
     * with the current password and a new one. Null when allowed.
     */
    private String ownPasswordDenied(ExtendedRequestProtocolOp request, List<Control> controls) {
        PasswordModifyExtendedRequest modify;
        try {
            modify = new PasswordModifyExtendedRequest(request.toExtendedRequest(controls.toArray(Control[]::new)));
        } catch (LDAPException e) {
            return "malformed password modify request: " + e.getMessage();
        }
        if (modify.getRawOldPassword() == null || modify.getRawNewPassword() == null) {
            return OWN_PASSWORD_ONLY;
        }
        String identity = modify.getUserIdentity();
        if (identity == null) {
            return null;
        }
        if (identity.regionMatches(true, 0, "dn:", 0, 3)) {
            identity = identity.substring(3);
        }
        try {
            return new DN(identity, schema).equals(boundAs) ? null : OWN_PASSWORD_ONLY;
        } catch (LDAPException e) {
            return OWN_PASSWORD_ONLY; // u: and other authorization identities are not accepted from officials
        }
    }

    @Override
    public void processAbandonRequest(int messageID, AbandonRequestProtocolOp request, List<Control> controls) {
        next.processAbandonRequest(messageID, request, controls);
    }

    @Override
    public void processUnbindRequest(int messageID, UnbindRequestProtocolOp request, List<Control> controls) {
        next.processUnbindRequest(messageID, request, controls);
    }
}
