package vn.congvu.mail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.netty.util.Version;

/**
 * James 3.8.1 (built on Netty 4.1.86) and ldaptive 2.4.2 (4.1.123) share one Netty in this module:
 * every Netty jar on the server's classpath is 4.1.123. That both work on it is shown by the tests
 * that run James' SMTP/IMAP listeners with ldaptive binding inside the same JVM
 * (DirectoryAccountsTest, DirectoryOutageTest).
 */
class NettyVersionTest {

    @Test
    void oneNettyVersionOnTheClasspath() {
        Map<String, Version> artifacts = Version.identify();
        assertTrue(artifacts.containsKey("netty-transport") && artifacts.containsKey("netty-handler"), artifacts.keySet().toString());
        Set<String> versions = artifacts.entrySet().stream()
            .filter(entry -> !entry.getKey().contains("incubator")) // QUIC codec of reactor-netty, versioned apart
            .map(entry -> entry.getValue().artifactVersion())
            .collect(Collectors.toSet());
        assertEquals(Set.of("4.1.123.Final"), versions, artifacts.toString());
    }
}
