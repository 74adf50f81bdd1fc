package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.password.InitialPassword;

/**
 * What durability costs: N inetOrgPerson adds over C connections, first into a plain UnboundID in-memory server
 * (same schema, nothing on disk), then into the embedded directory with its fsynced journal.
 *
 * <pre>java -cp 'directory/target/classes:directory/target/test-classes:directory/target/lib/*' vn.congvu.directory.embedded.JournalBench [N] [C]</pre>
 * (test sources: a benchmark, not part of the directory's jar)
 *
 * Prints one {@code result:} line per server and a {@code ratio:} line (durable / in-memory).
 */
public final class JournalBench {

    private static final InitialPassword SSHA = new InitialPassword();

    private static final DirectoryLayout LAYOUT = DirectoryLayout.forDomain("example.gov.vn");

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String password = SSHA.hash("bench-password");

        double plain = benchPlainInMemory(n, connections, password);
        report("in-memory, no persistence", n, connections, plain);
        double durable = benchDurable(n, connections, password);
        report("embedded, durable journal", n, connections, durable);
        System.out.printf(Locale.ROOT, "ratio: durable/in-memory = %.2f%n", durable / plain);
    }

    private static double benchPlainInMemory(int n, int connections, String password) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(LAYOUT.baseDn());
        config.setSchema(SchemaLoader.standardPlus(ConfigFiles.resolve("ldap/congvu-schema.ldif")));
        config.addAdditionalBindCredentials("cn=admin," + LAYOUT.baseDn(), "admin");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getByName(EmbeddedSettings.LISTEN_ADDRESS), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + LAYOUT.baseDn(), "objectClass: top", "objectClass: dcObject",
                "objectClass: organization", "dc: " + LAYOUT.baseDc(), "o: " + LAYOUT.domain());
        server.add("dn: " + LAYOUT.peopleDn(), "objectClass: organizationalUnit", "ou: people");
        server.startListening();
        try {
            return run(server.getListenPort(), "admin", n, connections, password);
        } finally {
            server.shutDown(true);
        }
    }

    private static double benchDurable(int n, int connections, String password) throws Exception {
        Path home = Files.createTempDirectory("congvu-journal-bench");
        try {
            EmbeddedSettings settings = new EmbeddedSettings(0, LAYOUT, home,
                    ConfigFiles.resolve("ldap/congvu-schema.ldif"), ConfigFiles.resolve("ldap/base.ldif"),
                    EmbeddedSettings.DEFAULT_MIN_COMPACTION_RECORDS);
            try (EmbeddedDirectory directory = EmbeddedDirectory.start(settings)) {
                String admin = Files.readString(directory.passwordFile(), StandardCharsets.UTF_8).strip();
                return run(directory.port(), admin, n, connections, password);
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Returns adds per second. Each connection adds its share synchronously, as a provisioning worker does. */
    private static double run(int port, String adminPassword, int n, int connections, String userPassword)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<LDAPConnection> conns = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                conns.add(new LDAPConnection(EmbeddedSettings.LISTEN_ADDRESS, port, "cn=admin," + LAYOUT.baseDn(),
                        adminPassword));
            }
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                LDAPConnection conn = conns.get(c);
                int first = c;
                done.add(pool.submit(() -> {
                    for (int i = first; i < n; i += connections) {
                        conn.add(official(i, userPassword));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            conns.forEach(LDAPConnection::close);
            pool.shutdown();
        }
    }

    private static Entry official(int i, String password) {
        String uid = String.format(Locale.ROOT, "cb%06d", i);
        Entry e = new Entry(LAYOUT.personDn(uid));
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "congvuAccount");
        e.addAttribute("uid", uid);
        e.addAttribute("cn", "Nguyễn Văn " + i);
        e.addAttribute("sn", "Nguyễn");
        e.addAttribute("givenName", "Văn " + i);
        e.addAttribute("mail", uid + "@" + LAYOUT.domain());
        e.addAttribute("mobile", String.format(Locale.ROOT, "8491%07d", i));
        e.addAttribute("ou", "so-noi-vu");
        e.addAttribute("title", "Chuyên viên");
        e.addAttribute("congvuAccountStatus", "active");
        e.addAttribute("userPassword", password);
        return e;
    }


    private static void report(String what, int n, int connections, double perSecond) {
        System.out.printf(Locale.ROOT, "result: %-27s %d adds over %d connections: %.0f adds/s%n", what, n,
                connections, perSecond);
    }
}
