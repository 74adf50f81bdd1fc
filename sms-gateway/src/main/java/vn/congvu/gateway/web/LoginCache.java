package vn.congvu.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import vn.congvu.gateway.recipients.SenderAuthenticator;

/**
 * Remembers successful logins for a short while, so an API client sending many notices does not cost an
 * LDAP bind and a group lookup per request. Only a salted hash of the password is kept, only in memory,
 * and a changed password or a removal from notice-senders takes effect when the entry expires.
 */
final class LoginCache {

    private static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final byte[] salt = new byte[16];
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Entry(SenderAuthenticator.Result result, long expiresAt) {
    }

    LoginCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    /** With the clock {@code nanoTime} (tests turn it forward). */
    LoginCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        new SecureRandom().nextBytes(salt);
    }

    synchronized SenderAuthenticator.Result get(String login, String password) {
        if (ttlNanos <= 0) {
            return null;
        }
        String key = key(login, password);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanoTime.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(key);
            return null;
        }
        return e.result();
    }

    synchronized void put(String login, String password, SenderAuthenticator.Result result) {
        if (ttlNanos > 0) {
            entries.put(key(login, password), new Entry(result, nanoTime.getAsLong() + ttlNanos));
        }
    }

    private String key(String login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
