package vn.congvu.mail.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The authserv-id a header claims, and the header we write. */
class AuthenticationResultsTest {

    @Test
    void theAuthservIdIsTheFirstTokenWithoutCommentsOrVersion() {
        assertEquals("example.gov.vn", AuthenticationResults.authservId("example.gov.vn; dkim=pass"));
        assertEquals("example.gov.vn", AuthenticationResults.authservId(" (forged) Example.Gov.VN 1; dkim=pass"));
        assertEquals("mx.example.gov.vn", AuthenticationResults.authservId("mx.example.gov.vn;\r\n\tspf=pass"));
    }

    @Test
    void eachSignatureHasItsResult() {
        assertEquals("example.gov.vn; dkim=none", AuthenticationResults.value("example.gov.vn", List.of()));
        assertEquals("example.gov.vn;\r\n\tdkim=pass header.d=a.example header.s=s1;\r\n\tdkim=fail (body hash changed) header.d=b.example",
            AuthenticationResults.value("example.gov.vn", List.of(
                new DkimResult("pass", "a.example", "s1", null),
                new DkimResult("fail", "b.example", null, "body hash (changed)"))));
    }
}
