package vn.congvu.gateway.recipients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.testing.Slapd;
import vn.congvu.gateway.web.Province;

/** The page's in-memory copy of the directory: limits, outages (the last copy answers) and refreshes. */
class DirectoryIndexTest {

    static Slapd slapd;
    static DirectoryClient client;

    @BeforeAll
    static void start() throws Exception {
        slapd = Province.start();
        client = new DirectoryClient(slapd.settings(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        slapd.close();
    }

    private static List<String> ids(DirectoryIndex index, String query) {
        return index.search(query, 20).hits().stream().map(DirectoryIndex.Hit::id).toList();
    }

    @Test
    void theLastCopyAnswersWhileTheDirectoryIsDownAndARefreshBringsChanges(@TempDir Path tmp) throws Exception {
        DirectoryIndex index = new DirectoryIndex(() -> client, true);
        DirectoryIndex neverUsed = new DirectoryIndex(() -> client, true);
        assertEquals(List.of("an", "tuan"), ids(index, "nguyen van"));

        slapd.stop();
        index.refresh();
        assertEquals(List.of("an", "tuan"), ids(index, "nguyen van"), "the last copy, while LDAP is down");
        assertThrows(DirectoryDownException.class, () -> neverUsed.search("nguyen", 20), "no copy yet: 503");

        slapd.startAgain();
        Path ldif = tmp.resolve("hung.ldif");
        Files.writeString(ldif, "dn: uid=hung,ou=people," + Province.BASE + "\nobjectClass: inetOrgPerson\n"
                + "objectClass: congvuAccount\nuid: hung\ncn: Nguyễn Văn Hùng\nsn: Nguyễn\nmail: hung@example.gov.vn\n"
                + "congvuAccountStatus: active\n", StandardCharsets.UTF_8);
        slapd.ldap("ldapadd", "-f", ldif.toString());
        assertTrue(await(() -> {
            index.refresh();
            return ids(index, "nguyen van").equals(List.of("an", "hung", "tuan"));
        }, 15_000), "a refresh after the directory came back brings the new official: " + ids(index, "nguyen van"));
    }

    @Test
    void theFirstHitsAreGivenWithHowManyMatched() {
        DirectoryIndex index = new DirectoryIndex(() -> client, true);
        DirectoryIndex.Result result = index.search("van", 2);
        assertEquals(2, result.hits().size());
        assertTrue(result.total() > 2, "an, tuan, dat, chi all have Văn: " + result.total());
    }

    @Test
    void withoutADirectorySearchingSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DirectoryIndex(() -> client, false).search("an", 20));
        assertTrue(e.getMessage().contains("gateway.directory.enabled=false"), e.getMessage());
    }
}
