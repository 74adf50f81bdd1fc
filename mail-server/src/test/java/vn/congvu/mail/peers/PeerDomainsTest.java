package vn.congvu.mail.peers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer domains file: marks read in any case, a line without tls or with an unknown mark refused, named. */
class PeerDomainsTest {

    @Test
    void peersAndDirectiveSourcesAreRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("peers.properties"),
            "# comment\nTinh.gov.vn = TLS, Directives\nhuyen.tinh.gov.vn = tls\n");
        PeerDomains peers = PeerDomains.load(file);
        assertTrue(peers.isPeer("tinh.gov.vn") && peers.isPeer("HUYEN.tinh.gov.vn"));
        assertTrue(peers.isDirectiveSource("tinh.gov.vn"));
        assertFalse(peers.isDirectiveSource("huyen.tinh.gov.vn"));
        assertFalse(peers.isPeer("example.org"));
    }

    @Test
    void aLineWithoutTlsOrWithAnUnknownMarkIsRefusedNamed(@TempDir Path dir) throws Exception {
        for (String line : new String[] {"xa.gov.vn = directives", "xa.gov.vn = tls, plain", "xa.gov.vn ="}) {
            Path file = Files.writeString(dir.resolve("peers.properties"), line + "\n");
            String problem = assertThrows(IllegalStateException.class, () -> PeerDomains.load(file)).getMessage();
            assertTrue(problem.contains("xa.gov.vn") && problem.contains("tls"), problem);
        }
    }

    @Test
    void theShippedFileNamesNoPeer() {
        Path shipped = Path.of("..", "config", "james", PeerDomains.FILE);
        assertFalse(PeerDomains.load(shipped).isPeer("example.gov.vn"));
    }
}
