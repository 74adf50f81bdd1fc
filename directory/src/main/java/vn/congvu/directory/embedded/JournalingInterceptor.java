package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every successful change to the {@link DurableStore} before the response leaves: the result hooks run on the
 * connection's thread after the change is applied in memory and before the response is written, so a client is
 * told "success" only once the change is on disk.
 */
final class JournalingInterceptor extends InMemoryOperationInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(JournalingInterceptor.class);

    private final DurableStore store;
    private final Schema schema;

    JournalingInterceptor(DurableStore store, Schema schema) {
        this.store = store;
        this.schema = schema;
    }

    // ---- refuse changes up front once the store cannot record them ----

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
        checkWritable();
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
        checkWritable();
    }

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
        checkWritable();
    }

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) throws LDAPException {
        checkWritable();
    }

    @Override
    public void processExtendedRequest(InMemoryInterceptedExtendedRequest request) throws LDAPException {
        if (isPasswordModify(request.getRequest().getOID())) {
            checkWritable();
        }
    }

    private void checkWritable() throws LDAPException {
        try {
            store.checkWritable();
        } catch (IOException e) {
            throw new LDAPException(ResultCode.UNAVAILABLE, e.getMessage());
        }
    }

    // ---- record the result ----

    @Override
    public void processAddResult(InMemoryInterceptedAddResult op) {
        if (op.getResult().getResultCode() == ResultCode.SUCCESS) {
            persist(op, op.getRequest().getDN(), false, op::setResult);
        }
    }

    @Override
    public void processModifyResult(InMemoryInterceptedModifyResult op) {
        if (op.getResult().getResultCode() == ResultCode.SUCCESS) {
            persist(op, op.getRequest().getDN(), false, op::setResult);
        }
    }

    @Override
    public void processDeleteResult(InMemoryInterceptedDeleteResult op) {
        if (op.getResult().getResultCode() == ResultCode.SUCCESS) {
            // A subtree delete removed entries the journal would have to list one by one: snapshot instead.
            boolean subtree = op.getRequest().hasControl(SubtreeDeleteRequestControl.SUBTREE_DELETE_REQUEST_OID);
            persist(op, op.getRequest().getDN(), subtree, op::setResult);
        }
    }

    @Override
    public void processModifyDNResult(InMemoryInterceptedModifyDNResult op) {
        if (op.getResult().getResultCode() == ResultCode.SUCCESS) {
            // Renames move whole subtrees; rare enough that a snapshot is the simple, correct record.
            persist(op, op.getRequest().getDN(), true, op::setResult);
        }
    }

    @Override
    public void processExtendedResult(InMemoryInterceptedExtendedResult op) {
        if (op.getResult().getResultCode() == ResultCode.SUCCESS && isPasswordModify(op.getRequest().getOID())) {
            persist(op, null, true, r -> op.setResult(new ExtendedResult(r)));
        }
    }

    private static boolean isPasswordModify(String oid) {
        return PasswordModifyExtendedRequest.PASSWORD_MODIFY_REQUEST_OID.equals(oid);
    }

    private interface ResultSetter {
        void set(LDAPResult result);
    }

    private void persist(InMemoryInterceptedResult op, String dn, boolean snapshot, ResultSetter setResult) {
        try {
            if (snapshot) {
                store.compact();
            } else {
                store.recordState(new DN(dn, schema));
            }
        } catch (IOException | LDAPException e) {
            LOG.error("change to {} applied in memory but not stored: {}", dn, e.getMessage());
            setResult.set(new LDAPResult(op.getMessageID(), ResultCode.OTHER, null,
                    "the change could not be written to disk (" + e.getMessage()
                            + "); the directory now refuses changes until it is restarted",
                    (String[]) null, null));
        }
    }
}
