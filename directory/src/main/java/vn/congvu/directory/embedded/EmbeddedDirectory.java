package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerExceptionHandler;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptorRequestHandler;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.provisioning.BaseTree;

/**
 * The LDAP server of the default run: UnboundID's in-memory directory engine on loopback, made durable by
 * {@link DurableStore}, with CongVu's schema and {@link AccessPolicyHandler}'s rules.
 *
 * <p>Request path: listener → access policy (per connection) → journaling interceptor → in-memory engine. The
 * in-memory engine is driven directly rather than through InMemoryDirectoryServer so that the access policy can
 * keep each connection's identity in its own per-connection handler.
 */
public final class EmbeddedDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectory.class);
    private static final int MAX_CONNECTIONS = 512;
    private static final int MAX_MESSAGE_BYTES = 16 << 20;
    /** Attributes the directory client and provisioning filter on. */
    private static final String[] EQUALITY_INDEXES = {"objectClass", "uid", "mail", "cn", "member", "ou", "mobile"};

    private final EmbeddedSettings settings;
    private final InMemoryRequestHandler data;
    private final DurableStore store;
    private final LDAPListener listener;

    private EmbeddedDirectory(EmbeddedSettings settings, InMemoryRequestHandler data, DurableStore store,
            LDAPListener listener) {
        this.settings = settings;
        this.data = data;
        this.store = store;
        this.listener = listener;
    }

    /** Loads (or creates) the data under {@code settings.dataDir()} and starts listening. */
    public static EmbeddedDirectory start(EmbeddedSettings settings) throws IOException, LDAPException {
        DirectoryLayout layout = settings.layout();
        Schema schema = SchemaLoader.standardPlus(settings.schemaFile());
        String password = AdminPasswordFile.readOrCreate(settings.passwordFile());

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(layout.baseDn());
        config.setSchema(schema);
        config.addAdditionalBindCredentials(settings.rootDn(), password);
        // Pre-hashed values with any of these prefixes are stored as given; clear text is stored as {SSHA}.
        config.setPasswordEncoders(SaltedShaPasswordEncoder.ssha(), SaltedShaPasswordEncoder.ssha256(),
                SaltedShaPasswordEncoder.ssha512());
        config.setMaxSizeLimit(0); // the root DN is unlimited; everyone else is limited by the access policy
        config.setEqualityIndexAttributes(EQUALITY_INDEXES);
        config.setVendorName("CongVu embedded directory (UnboundID in-memory engine)");
        InMemoryRequestHandler data = new InMemoryRequestHandler(config);

        DurableStore store = DurableStore.open(settings.dataDir(), data, schema, settings.minCompactionRecords());
        try {
            if (store.fresh()) {
                seed(data, settings);
            }
            store.compact(); // one snapshot, a fresh journal; a torn tail of the old one is gone for good

            DN rootDn = new DN(settings.rootDn(), schema);
            AccessPolicyHandler handler = new AccessPolicyHandler(new InMemoryOperationInterceptorRequestHandler(
                    List.of(new JournalingInterceptor(store, schema)), data), rootDn, schema);
            LDAPListenerConfig listenerConfig = new LDAPListenerConfig(settings.port(), handler);
            listenerConfig.setListenAddress(InetAddress.getByName(EmbeddedSettings.LISTEN_ADDRESS));
            listenerConfig.setMaxConnections(MAX_CONNECTIONS);
            listenerConfig.setMaxMessageSizeBytes(MAX_MESSAGE_BYTES);
            listenerConfig.setExceptionHandler(new ConnectionLogger());
            LDAPListener listener = new LDAPListener(listenerConfig);
            try {
                listener.startListening();
            } catch (IOException e) {
                throw new IOException("cannot listen on " + EmbeddedSettings.LISTEN_ADDRESS + ":" + settings.port()
                        + " (" + e.getMessage() + "); set CONGVU_LDAP_PORT to a free port", e);
            }
            return new EmbeddedDirectory(settings, data, store, listener);
        } catch (IOException | LDAPException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The suffix entry and the base tree of config/ldap/base.ldif, into a directory that has nothing yet. */
    private static void seed(InMemoryRequestHandler data, EmbeddedSettings settings) throws LDAPException {
        DirectoryLayout layout = settings.layout();
        Entry suffix = new Entry(layout.baseDn());
        suffix.addAttribute("objectClass", "top", "dcObject", "organization");
        suffix.addAttribute("dc", layout.baseDc());
        suffix.addAttribute("o", layout.domain());
        data.addEntry(suffix, false);
        for (LdapEntry e : BaseTree.load(settings.baseTreeFile(), layout).entries()) {
            Entry entry = new Entry(e.getDn());
            for (LdapAttribute a : e.getAttributes()) {
                entry.addAttribute(new Attribute(a.getName(), a.getBinaryValues().toArray(new byte[0][])));
            }
            data.addEntry(entry, false);
        }
        LOG.info("new directory for {}: created {} and the base tree", layout.domain(), layout.baseDn());
    }

    public int port() {
        return listener.getListenPort();
    }

    public String url() {
        return "ldap://" + EmbeddedSettings.LISTEN_ADDRESS + ":" + port();
    }

    public String baseDn() {
        return settings.layout().baseDn();
    }

    public String rootDn() {
        return settings.rootDn();
    }

    public Path passwordFile() {
        return settings.passwordFile();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    public int entryCount() {
        return data.countEntries(false);
    }

    /** Stops listening, then writes a final snapshot. Changes acknowledged before this are all kept. */
    @Override
    public void close() throws IOException {
        listener.shutDown(true);
        store.close();
    }

    /** Connection errors are the client's business; a line at debug level is enough. */
    private static final class ConnectionLogger implements LDAPListenerExceptionHandler {
        @Override
        public void connectionCreationFailure(Socket socket, Throwable cause) {
            LOG.debug("LDAP connection could not be set up: {}", cause.toString());
        }

        @Override
        public void connectionTerminated(LDAPListenerClientConnection connection, LDAPException cause) {
            LOG.debug("LDAP connection {} closed: {}", connection.getConnectionID(), cause.getMessage());
        }
    }
}
