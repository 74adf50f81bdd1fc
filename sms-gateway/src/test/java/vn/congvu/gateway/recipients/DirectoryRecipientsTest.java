package vn.congvu.gateway.recipients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditLog;
import vn.congvu.audit.AuditSettings;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.embedded.EmbeddedDirectory;
import vn.congvu.directory.embedded.EmbeddedSettings;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.password.SaltedSha;
import vn.congvu.directory.signin.AccountPolicy;

/** Recipients and logins against the embedded directory of the default run, loaded with a small province. */
class DirectoryRecipientsTest {

    static final DirectoryLayout LAYOUT = DirectoryLayout.forDomain("example.gov.vn");
    /** The shipped policy with a small lockout. */
    static final AccountPolicy POLICY = policyWithAttempts(3);

    @TempDir
    static Path home;
    static EmbeddedDirectory directory;
    static DirectoryClient client;

    @BeforeAll
    static void province() throws Exception {
        directory = EmbeddedDirectory.start(new EmbeddedSettings(0, LAYOUT, home,
                ConfigFiles.resolve("ldap/congvu-schema.ldif"), ConfigFiles.resolve("ldap/base.ldif"),
                EmbeddedSettings.DEFAULT_MIN_COMPACTION_RECORDS));
        String adminPassword = Files.readString(directory.passwordFile(), StandardCharsets.UTF_8).strip();
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", directory.port(), directory.rootDn(), adminPassword)) {
            c.add(unit("tinh", LAYOUT.unitsDn(), "Tỉnh Quảng Ngãi"));
            c.add(unit("so-noi-vu", "ou=tinh," + LAYOUT.unitsDn(), "Sở Nội vụ"));
            c.add(unit("phong-to-chuc", "ou=so-noi-vu,ou=tinh," + LAYOUT.unitsDn(), "Phòng Tổ chức"));
            c.add(person("an", "Nguyễn Văn An", "84912000001", "so-noi-vu", "active"));
            c.add(person("binh", "Trần Thị Bình", "84983000002", "phong-to-chuc", "active"));
            c.add(person("chi", "Lê Văn Chí", null, "so-noi-vu", "active"));
            c.add(person("dung", "Phạm Dũng", "84356000004", "tinh", "disabled"));
            Entry group = new Entry("cn=ban-chi-dao," + LAYOUT.groupsDn());
            group.addAttribute("objectClass", "groupOfNames", "congvuMailGroup");
            group.addAttribute("cn", "ban-chi-dao");
            group.addAttribute("mail", "ban-chi-dao@example.gov.vn");
            group.addAttribute("member", LAYOUT.personDn("an"), LAYOUT.personDn("binh"), LAYOUT.personDn("chi"),
                    LAYOUT.personDn("dung"));
            c.add(group);
            c.modify(LAYOUT.groupDn("notice-senders"), new Modification(ModificationType.ADD, "member", LAYOUT.personDn("an")));
        }
        client = new DirectoryClient(DirectorySettings.fromEnvironment(Map.of(
                "CONGVU_HOME", home.toString(), "CONGVU_LDAP_PORT", String.valueOf(directory.port()),
                "CONGVU_DOMAIN", LAYOUT.domain())));
    }

    private static AccountPolicy policyWithAttempts(int attempts) {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(ConfigFiles.resolve(AccountPolicy.FILE), StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.setProperty("lockout.attempts", String.valueOf(attempts));
        return AccountPolicy.from(values, "test policy");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        directory.close();
    }

    private static Entry unit(String code, String parentDn, String name) {
        Entry e = new Entry("ou=" + code + "," + parentDn);
        e.addAttribute("objectClass", "top", "organizationalUnit");
        e.addAttribute("ou", code);
        e.addAttribute("description", name);
        return e;
    }

    private static Entry person(String uid, String name, String mobile, String unit, String status) throws Exception {
        Entry e = new Entry(LAYOUT.personDn(uid));
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "congvuAccount");
        e.addAttribute("uid", uid);
        e.addAttribute("cn", name);
        e.addAttribute("sn", name.substring(name.lastIndexOf(' ') + 1));
        e.addAttribute("mail", uid + "@example.gov.vn");
        e.addAttribute("ou", unit);
        e.addAttribute("congvuAccountStatus", status);
        e.addAttribute("userPassword", SaltedSha.SSHA.hash(uid + "-mat-khau"));
        if (mobile != null) {
            e.addAttribute("mobile", mobile);
        }
        return e;
    }


    private final RecipientResolver resolver = new DirectoryRecipientResolver(() -> client);

    private static NoticeTargets targets(List<String> numbers, List<String> uids, List<String> groups, List<String> units,
                                         boolean subUnits) {
        return new NoticeTargets(numbers, uids, groups, units, subUnits);
    }

    @Test
    void groupMembersWithMobilesAndThoseWithoutAreReportedNotFatal() {
        List<Recipient> got = resolver.resolve(targets(List.of(), List.of(), List.of("ban-chi-dao"), List.of(), true));
        Map<String, Recipient> byTarget = got.stream().collect(java.util.stream.Collectors.toMap(Recipient::target, r -> r));
        assertEquals("84912000001", byTarget.get("group:ban-chi-dao/an").number());
        assertEquals("84983000002", byTarget.get("group:ban-chi-dao/binh").number());
        assertEquals("chi has no mobile number in the directory", byTarget.get("group:ban-chi-dao/chi").problem());
        assertEquals("account dung is disabled", byTarget.get("group:ban-chi-dao/dung").problem());
    }

    @Test
    void unitsWithAndWithoutTheirSubUnits() {
        List<String> withSub = resolver.resolve(targets(List.of(), List.of(), List.of(), List.of("so-noi-vu"), true))
                .stream().map(Recipient::target).sorted().toList();
        assertEquals(List.of("unit:so-noi-vu/an", "unit:so-noi-vu/binh", "unit:so-noi-vu/chi"), withSub);
        List<String> alone = resolver.resolve(targets(List.of(), List.of(), List.of(), List.of("so-noi-vu"), false))
                .stream().map(Recipient::target).sorted().toList();
        assertEquals(List.of("unit:so-noi-vu/an", "unit:so-noi-vu/chi"), alone);
    }

    @Test
    void uidsByMailOrBareUidAndRawNumbersTogether() {
        List<Recipient> got = resolver.resolve(targets(List.of("0977 111 222"), List.of("binh@example.gov.vn", "an"),
                List.of(), List.of(), true));
        assertEquals(List.of("84977111222", "84983000002", "84912000001"), got.stream().map(Recipient::number).toList());
    }

    @Test
    void unknownNamesAreRefusedPrecisely() {
        assertEquals("unknown group: khong-co",
                assertThrows(BadTargetException.class, () -> resolver.resolve(targets(List.of(), List.of(), List.of("khong-co"), List.of(), true))).getMessage());
        assertEquals("unknown unit: so-khong-co",
                assertThrows(BadTargetException.class, () -> resolver.resolve(targets(List.of(), List.of(), List.of(), List.of("so-khong-co"), true))).getMessage());
        assertEquals("unknown official: ai-do",
                assertThrows(BadTargetException.class, () -> resolver.resolve(targets(List.of(), List.of("ai-do"), List.of(), List.of(), true))).getMessage());
    }

    private static SenderAuthenticator authenticator(Supplier<DirectoryClient> directory) {
        return new DirectorySenderAuthenticator(directory, POLICY,
                new AuditLog(home.resolve("audit"), "gateway", new AuditSettings(365), Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void onlyMembersOfNoticeSendersMaySend() {
        SenderAuthenticator auth = authenticator(() -> client);
        assertEquals(new SenderAuthenticator.Result(SenderAuthenticator.Outcome.OK, "an"),
                auth.authenticate("an@example.gov.vn", "an-mat-khau", "gateway 127.0.0.1"));
        assertEquals(SenderAuthenticator.Outcome.OK, auth.authenticate("an", "an-mat-khau", null).outcome());
        assertEquals(SenderAuthenticator.Outcome.NOT_A_SENDER, auth.authenticate("binh", "binh-mat-khau", null).outcome());
        assertEquals(SenderAuthenticator.Outcome.BAD_CREDENTIALS, auth.authenticate("an", "binh-mat-khau", null).outcome());
        assertEquals(SenderAuthenticator.Outcome.BAD_CREDENTIALS, auth.authenticate("dung", "dung-mat-khau", null).outcome());
        assertEquals(SenderAuthenticator.Outcome.BAD_CREDENTIALS, auth.authenticate("an", "", null).outcome());
    }

    @Test
    void signInsFollowTheSharedPolicyLockAndAudit() {
        SenderAuthenticator auth = authenticator(() -> client);
        for (int i = 0; i < POLICY.lockoutAttempts(); i++) {
            assertEquals(SenderAuthenticator.Outcome.BAD_CREDENTIALS,
                    auth.authenticate("chi", "sai-" + i, "gateway 192.0.2.9").outcome());
        }
        assertEquals(SenderAuthenticator.Outcome.BAD_CREDENTIALS, auth.authenticate("chi", "chi-mat-khau", null).outcome(),
                "locked: the right password is refused too");
        AuditTrail trail = new AuditTrail(home.resolve("audit"));
        assertEquals(1, trail.search(new AuditTrail.Query(null, null, null, "chi", AuditAction.ACCOUNT_LOCKED, 10)).size());
        List<AuditEvent> failures = trail.search(new AuditTrail.Query(null, null, "chi", null, AuditAction.SIGN_IN_FAILED, 10));
        assertEquals(POLICY.lockoutAttempts() + 1, failures.size());
        assertEquals("gateway 192.0.2.9", failures.get(failures.size() - 1).source());
        assertTrue(failures.stream().allMatch(e -> "gateway".equals(e.process())));
    }

    @Test
    void aDirectoryNotThereYetIsAnOutageNotACrash() {
        RecipientResolver notYet = new DirectoryRecipientResolver(() -> {
            throw new IllegalStateException("no embedded directory password");
        });
        assertThrows(DirectoryDownException.class,
                () -> notYet.resolve(targets(List.of(), List.of(), List.of("ban-chi-dao"), List.of(), true)));
        assertEquals(1, notYet.resolve(targets(List.of("0912345678"), List.of(), List.of(), List.of(), true)).size(),
                "raw numbers need no directory");
        assertEquals(SenderAuthenticator.Outcome.UNAVAILABLE, authenticator(() -> {
            throw new IllegalStateException("no embedded directory password");
        }).authenticate("an", "x", null).outcome());
    }
}
