package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ldaptive.CompareOperation;
import org.ldaptive.CompareRequest;
import org.ldaptive.CompareResponse;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.otp.Base32;
import vn.congvu.directory.otp.OneTimePassword;

/**
 * The second factor against a real directory, once per server kind: enrolment, replay refused across nodes,
 * recovery codes used once, wrong codes locking, and the secrets hidden from officials.
 */
public abstract class SecondFactorContract extends AccountFixture {

    private static final String ARC = "2.25.78310190971184907761875790593498966805";

    private SecondFactor factor() {
        return policy.secondFactor();
    }

    /** The code of the step {@code offset} steps from now. */
    private String code(Enrolment e, int offset) {
        return OneTimePassword.code(Base32.decode(e.secret()), OneTimePassword.step(clock.instant()) + offset);
    }

    /** Enrols and confirms with the current code; the recovery codes. */
    private List<String> enable(String dn, Enrolment e) {
        return factor().confirm(dn, code(e, 0), FROM).orElseThrow();
    }

    @Test
    public void enrolConfirmAndEveryCodeOnlyOnce() throws Exception {
        String dn = addOfficial("hung.nq", "Nguyễn Quốc Hùng", INITIAL, false);
        assertFalse(factor().enabled(dn));
        Enrolment e = factor().enrol(dn);
        assertEquals(32, e.secret().length());
        assertEquals("otpauth://totp/CongVu:hung.nq@example.gov.vn?secret=" + e.secret()
                + "&issuer=CongVu&algorithm=SHA1&digits=6&period=30", e.uri());
        assertFalse(factor().enabled(dn), "pending until confirmed");
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, code(e, 0), FROM));

        assertTrue(factor().confirm(dn, code(e, 2), FROM).isEmpty(), "a code two steps ahead is wrong");
        List<String> recovery = enable(dn, e);
        assertEquals(10, new HashSet<>(recovery).size());
        assertTrue(factor().enabled(dn));
        assertEquals(List.of(), values(dn, SignInAttributes.TOTP_PENDING_SECRET));
        assertTrue(factor().confirm(dn, code(e, 0), FROM).isEmpty(), "nothing pending any more");

        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, code(e, 0), FROM), "the confirming code");
        clock.advance(Duration.ofSeconds(30));
        String current = code(e, 0);
        assertEquals(SecondFactorResult.CODE, factor().verify(dn, current, FROM));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, current, FROM), "replayed");
        assertEquals(SecondFactorResult.CODE, factor().verify(dn, code(e, 1), FROM), "the next step, early");
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, current, FROM), "older than the last used");
        clock.advance(Duration.ofSeconds(90));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, code(e, -2), FROM), "too old");
        assertEquals(SecondFactorResult.CODE, factor().verify(dn, code(e, -1), FROM), "the step before");

        assertEquals(1, audited(AuditAction.SECOND_FACTOR_ENABLED, "hung.nq").size());
        List<AuditEvent> failed = audited(AuditAction.SECOND_FACTOR_FAILED, "hung.nq");
        assertEquals(List.of("no second factor set up", "wrong code at enrolment", "no enrolment pending",
                "code already used", "code already used", "code already used", "wrong code"),
                failed.stream().map(AuditEvent::detail).toList());
        assertEquals(List.of(), values(dn, SignInAttributes.SECOND_FACTOR_FAILURES), "the last right code cleared");
        assertEquals(0, account("hung.nq").failedSignIns(), "codes are counted apart from passwords");
        assertNoSecretAudited(e.secret(), recovery.get(0), current);
    }

    @Test
    public void aRecoveryCodeWorksOnceInAnyCase() throws Exception {
        String dn = addOfficial("thao.pt", "Phan Thu Thảo", INITIAL, false);
        List<String> recovery = enable(dn, factor().enrol(dn));
        String typed = recovery.get(3).replace("-", " ").toUpperCase(Locale.ROOT);
        assertEquals(SecondFactorResult.RECOVERY_CODE, factor().verify(dn, typed, FROM));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, recovery.get(3), FROM));
        assertEquals(9, values(dn, SignInAttributes.RECOVERY_CODE).size());
        assertTrue(values(dn, SignInAttributes.RECOVERY_CODE).stream().allMatch(v -> v.startsWith("{SSHA}")));
        assertEquals(SecondFactorResult.RECOVERY_CODE, factor().verify(dn, recovery.get(0), FROM));
        List<AuditEvent> used = audited(AuditAction.RECOVERY_CODE_USED, "thao.pt");
        assertEquals(List.of("9 left", "8 left"), used.stream().map(AuditEvent::detail).toList());
        assertNoSecretAudited(recovery.toArray(String[]::new));
    }

    @Test
    public void wrongCodesLockEvenWithRightPasswordsBetween() throws Exception {
        String dn = addOfficial("dung.lv", "Lê Văn Dũng", INITIAL, false);
        Enrolment e = factor().enrol(dn);
        enable(dn, e);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < ATTEMPTS - 1; i++) {
            // the attacker knows the password: each guess follows a right password, which clears that count
            assertEquals(SignInDecision.ALLOWED, policy.signIn("dung.lv", INITIAL, FROM).decision());
            assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, "000000".equals(code(e, 0))
                    ? "111111" : "000000", FROM));
        }
        assertFalse(account("dung.lv").lockedAt(clock.instant()));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, "12345", FROM));
        assertTrue(account("dung.lv").lockedAt(clock.instant()));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, code(e, 0), FROM), "locked: unchecked");
        assertEquals(SignInDecision.LOCKED, policy.signIn("dung.lv", INITIAL, FROM).decision());
        assertEquals(1, audited(AuditAction.ACCOUNT_LOCKED, "dung.lv").size());

        clock.advance(Duration.ofMinutes(15));
        assertEquals(SecondFactorResult.REFUSED, factor().verify(dn, "99999x", FROM));
        assertEquals(List.of("1"), values(dn, SignInAttributes.SECOND_FACTOR_FAILURES));
        assertEquals(SecondFactorResult.CODE, factor().verify(dn, code(e, 0), FROM));
        assertEquals(List.of(), values(dn, SignInAttributes.SECOND_FACTOR_FAILURES), "a right code clears it");
    }

    @Test
    public void oneCodeOnManyNodesAtOnceIsAcceptedOnce() throws Exception {
        String dn = addOfficial("phuc.th", "Trịnh Hữu Phúc", INITIAL, false);
        Enrolment e = factor().enrol(dn);
        List<String> recovery = enable(dn, e);
        clock.advance(Duration.ofSeconds(30));
        String code = code(e, 0);
        List<SecondFactorResult> answers = together(4, (node, i) -> node.secondFactor().verify(dn, code, FROM));
        assertEquals(1, answers.stream().filter(a -> a == SecondFactorResult.CODE).count(), answers.toString());
        assertEquals(3, answers.stream().filter(a -> a == SecondFactorResult.REFUSED).count());

        answers = together(4, (node, i) -> node.secondFactor().verify(dn, recovery.get(5), FROM));
        assertEquals(1, answers.stream().filter(a -> a == SecondFactorResult.RECOVERY_CODE).count(),
                answers.toString());
        assertEquals(9, values(dn, SignInAttributes.RECOVERY_CODE).size());
        assertEquals(1, audited(AuditAction.RECOVERY_CODE_USED, "phuc.th").size());
    }

    @Test
    public void officialsReadNoSecretsNotEvenTheirOwn() throws Exception {
        String dn = addOfficial("nga.vt", "Vũ Thị Nga", INITIAL, false, "84912000111");
        String other = addOfficial("bao.dq", "Đặng Quốc Bảo", "Bảo-2026-xin-chào", false);
        enable(dn, factor().enrol(dn));
        factor().enrol(dn); // a pending secret too
        assertEquals(List.of(), policy.changePasswordAsService(dn, "Hoa-ban-2026", "reset-code", FROM));
        assertTrue(policy.resetCodes().issue("nga.vt", FROM).isPresent());
        for (String secret : SignInAttributes.SECRET) {
            assertEquals(1, Math.min(1, values(dn, secret).size()), "the service account reads " + secret);
        }
        assertNoSecretsVisible(dn, other, "Bảo-2026-xin-chào");
        assertNoSecretsVisible(dn, dn, "Hoa-ban-2026");
    }

    /** The secrets' OIDs in config/ldap/congvu-schema.ldif, and userPassword's. */
    private static final List<String> SECRET_OIDS = List.of("2.5.4.35", ARC + ".1.5", ARC + ".1.7", ARC + ".1.8",
            ARC + ".1.10", ARC + ".1.11");

    private void assertNoSecretsVisible(String dn, String readerDn, String readerPassword) throws Exception {
        String stored = values(dn, SignInAttributes.RESET_CODE).get(0);
        try (DirectoryClient reader = clientBoundAs(readerDn, readerPassword)) {
            List<String> asked = new ArrayList<>(List.of(SignInAttributes.SECRET));
            asked.addAll(SECRET_OIDS);
            asked.addAll(List.of("*", "+", "userPassword"));
            LdapEntry seen = reader.entry(dn, asked.toArray(String[]::new)).orElseThrow();
            assertEquals("nga.vt@example.gov.vn", seen.getAttributeStringValue("mail"), "officials read the rest");
            Set<String> secretNames = new HashSet<>(SECRET_OIDS);
            secretNames.add("userpassword");
            Arrays.stream(SignInAttributes.SECRET).map(n -> n.toLowerCase(Locale.ROOT)).forEach(secretNames::add);
            for (String name : seen.getAttributeNames()) {
                assertFalse(secretNames.contains(name.toLowerCase(Locale.ROOT)), name + " visible to " + readerDn);
            }
            // nor can a compare confirm a guessed value
            CompareResponse compared = new CompareOperation(reader.connectionFactory())
                    .execute(new CompareRequest(dn, SignInAttributes.RESET_CODE, stored));
            assertFalse(compared.isTrue(), "compare on the reset code by " + readerDn);
            // nor can a filter probe them
            for (String secret : SignInAttributes.SECRET) {
                List<LdapEntry> found;
                try {
                    found = reader.entries(client.layout().peopleDn(), "(" + secret + "=*)", "uid");
                } catch (DirectoryException refused) {
                    found = List.of();
                }
                assertEquals(List.of(), found, secret + " in a filter");
            }
        }
    }
}
