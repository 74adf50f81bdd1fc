package vn.congvu.directory.provisioning;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.ConnectionFactory;
import org.ldaptive.LdapEntry;
import org.ldaptive.LdapException;
import org.ldaptive.ResultCode;
import org.ldaptive.SearchOperation;
import org.ldaptive.SearchRequest;
import org.ldaptive.SearchResponse;
import org.ldaptive.io.LdifReader;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.model.DirectoryLayout;

/**
 * The containers and reserved groups every CongVu directory has, read from {@code config/ldap/base.ldif} (written
 * for example.gov.vn and rebased onto the configured domain), and created when missing.
 */
public final class BaseTree {

    static final String TEMPLATE_BASE_DN = "dc=example,dc=gov,dc=vn";
    static final String TEMPLATE_DOMAIN = "example.gov.vn";

    private final List<LdapEntry> entries;

    private BaseTree(List<LdapEntry> entries) {
        this.entries = entries;
    }

    public static BaseTree load(DirectoryLayout layout) {
        return load(ConfigFiles.resolve("ldap/base.ldif"), layout);
    }

    public static BaseTree load(Path ldif, DirectoryLayout layout) {
        try {
            String text = Files.readString(ldif, StandardCharsets.UTF_8)
                    .replace(TEMPLATE_BASE_DN, layout.baseDn())
                    .replace(TEMPLATE_DOMAIN, layout.domain());
            try (Reader r = new java.io.StringReader(text)) {
                return new BaseTree(List.copyOf(new LdifReader(r).read().getEntries()));
            }
        } catch (IOException e) {
            throw new DirectoryException("cannot read " + ldif + ": " + e.getMessage(), e);
        }
    }

    public List<LdapEntry> entries() {
        return entries;
    }

    /** DNs of the entries that do not exist yet. */
    public List<String> missing(ConnectionFactory ldap) throws LdapException {
        List<String> missing = new ArrayList<>();
        for (LdapEntry e : entries) {
            SearchResponse r = new SearchOperation(ldap).execute(
                    SearchRequest.objectScopeSearchRequest(e.getDn(), new String[] {"1.1"}));
            if (r.getResultCode() == ResultCode.NO_SUCH_OBJECT || r.entrySize() == 0) {
                missing.add(e.getDn());
            } else if (!r.isSuccess()) {
                throw new LdapException(r);
            }
        }
        return missing;
    }

    /** Adds what is missing; returns the DNs created. Safe to run again and against a concurrent creator. */
    public List<String> ensure(ConnectionFactory ldap) throws LdapException {
        List<String> missing = missing(ldap);
        for (LdapEntry e : entries) {
            if (missing.contains(e.getDn())) {
                AddResponse r = new AddOperation(ldap).execute(new AddRequest(e.getDn(), e.getAttributes()));
                if (!r.isSuccess() && r.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                    throw new LdapException(r);
                }
            }
        }
        return missing;
    }
}
