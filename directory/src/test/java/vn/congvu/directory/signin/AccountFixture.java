package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.LdapAttribute;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditLog;
import vn.congvu.audit.AuditSettings;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.password.SaltedSha;

/**
 * What the contracts against a real directory share: a service-account client and a sign-in policy on a clock
 * the test moves, an audit log in a temporary directory, officials added as provisioning adds them, and "nodes"
 * (clients of their own) acting at once. Subclasses name the server with {@link #settings()}.
 */
public abstract class AccountFixture {

    protected static final int ATTEMPTS = 6;
    protected static final AccountPolicy POLICY = new AccountPolicy(ATTEMPTS, Duration.ofMinutes(15), 10, 3, 3,
            Duration.ZERO, Duration.ofMinutes(10), 5, 3, "https://thu.example.gov.vn");
    protected static final String INITIAL = "Khởi-tạo-2026";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    protected DirectoryClient client;
    protected SignInPolicy policy;
    @TempDir
    protected Path auditDirectory;
    protected AuditLog audit;
    protected static final String FROM = "192.0.2.10";

    /** The service account's settings for the server under test. */
    protected abstract DirectorySettings settings();

    @BeforeEach
    void openClient() {
        client = new DirectoryClient(settings());
        audit = auditLog();
        policy = new SignInPolicy(client, POLICY, clock, audit);
    }

    @AfterEach
    void closeClient() {
        client.close();
        audit.close();
    }

    private AuditLog auditLog() {
        return new AuditLog(auditDirectory, "test", new AuditSettings(365), clock);
    }

    /** The audit records of one action for one account, oldest first. */
    protected List<AuditEvent> audited(AuditAction action, String uid) {
        List<AuditEvent> found = new ArrayList<>(new AuditTrail(auditDirectory)
                .search(new AuditTrail.Query(null, null, null, uid, action, 10_000)));
        java.util.Collections.reverse(found);
        return found;
    }

    /** No audit file holds any of {@code secrets}. */
    protected void assertNoSecretAudited(String... secrets) throws Exception {
        try (var files = Files.list(auditDirectory)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), file + " holds a password");
                }
            }
        }
    }

    /** An official as provisioning writes one, with a {SSHA} password. Returns the DN. */
    protected String addOfficial(String uid, String fullName, String password, boolean mustChange) throws Exception {
        return addOfficial(uid, fullName, password, mustChange, null);
    }

    /** The same with a mobile number ({@code 84…}; null for none). */
    protected String addOfficial(String uid, String fullName, String password, boolean mustChange, String mobile)
            throws Exception {
        String dn = client.layout().personDn(uid);
        List<LdapAttribute> attributes = new ArrayList<>(List.of(
                new LdapAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                        "congvuAccount"),
                new LdapAttribute("uid", uid),
                new LdapAttribute("cn", fullName),
                new LdapAttribute("sn", fullName.substring(fullName.lastIndexOf(' ') + 1)),
                new LdapAttribute("mail", uid + "@" + client.layout().domain()),
                new LdapAttribute("congvuAccountStatus", "active"),
                new LdapAttribute("userPassword", SaltedSha.SSHA.hash(password))));
        if (mobile != null) {
            attributes.add(new LdapAttribute("mobile", mobile));
        }
        if (mustChange) {
            attributes.add(new LdapAttribute("congvuPasswordMustChange", "TRUE"));
        }
        ensureParents();
        AddResponse r = new AddOperation(client.connectionFactory()).execute(new AddRequest(dn, attributes));
        assertTrue(r.isSuccess(), r.toString());
        return dn;
    }

    /** Creates ou=people when the server holds only its suffix (slapd); the embedded directory seeds it. */
    protected void ensureParents() throws Exception {
        String people = client.layout().peopleDn();
        if (client.entry(people, "ou").isEmpty()) {
            AddResponse r = new AddOperation(client.connectionFactory()).execute(new AddRequest(people, List.of(
                    new LdapAttribute("objectClass", "top", "organizationalUnit"),
                    new LdapAttribute("ou", "people"))));
            assertTrue(r.isSuccess(), r.toString());
        }
    }

    protected SignInState account(String uid) {
        return policy.account(uid).orElseThrow();
    }

    /** The service account's read of one attribute's values; empty when it has none. */
    protected List<String> values(String dn, String attribute) {
        return client.entry(dn, attribute).map(e -> e.getAttribute(attribute))
                .map(a -> List.copyOf(a.getStringValues())).orElse(List.of());
    }

    /** A client bound as an official instead of the service account. */
    protected DirectoryClient clientBoundAs(String dn, String password) {
        DirectorySettings s = settings();
        return new DirectoryClient(new DirectorySettings(s.urls(), dn, password, s.layout(), s.connectTimeout(),
                s.responseTimeout(), 2));
    }

    /**
     * Runs {@code work} on {@code n} "nodes" at once, each with its own client and policy on the same clock and
     * audit log, released together; their answers in node order.
     */
    protected <T> List<T> together(int n, NodeWork<T> work) throws Exception {
        List<DirectoryClient> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DirectoryClient node = new DirectoryClient(settings());
                nodes.add(node);
                SignInPolicy nodePolicy = new SignInPolicy(node, POLICY, clock, audit);
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return work.run(nodePolicy, index);
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> f : results) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
            nodes.forEach(DirectoryClient::close);
        }
    }

    /** What one node does in {@link #together}. */
    @FunctionalInterface
    protected interface NodeWork<T> {
        T run(SignInPolicy node, int index) throws Exception;
    }
}
