package vn.congvu.mail.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * The one-time secret of a running {@code ./congvu migrate}, in an owner-only file under $CONGVU_HOME that the
 * migration writes when it starts, renews while it runs and deletes when it ends. The mail server accepts the
 * migration login only while the file exists, is owner-only and was renewed within {@link #LEASE}: a migration
 * killed before it could delete the file stops enabling the login after that.
 */
public final class MigrationSecret {
    /** The secret is presented by logging in as {@code uid*migration@domain}. */
    public static final String LOGIN_SUFFIX = "*migration";
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration RENEW_EVERY = Duration.ofMinutes(1);

    /** Why a presented secret is not (or is) the migration's. */
    public enum Check {
        ACCEPTED("accepted"),
        NOT_RUNNING("no migration is running"),
        STALE("the migration's secret was not renewed for " + LEASE.toMinutes() + " minutes"),
        UNSAFE_FILE("the secret file is readable by others or not a plain file"),
        WRONG_SECRET("wrong secret");

        public final String reason;

        Check(String reason) {
            this.reason = reason;
        }
    }

    private MigrationSecret() {
    }

    /** The login that opens this official's mailbox with the secret. */
    public static String loginFor(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address + LOGIN_SUFFIX : address.substring(0, at) + LOGIN_SUFFIX + address.substring(at);
    }

    public static Path file(Path congvuHome) {
        return congvuHome.resolve("mail/var/migration.secret");
    }

    /** A new random secret written to a new owner-only file; fails if one exists (another migration runs). */
    public static String create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        OwnerOnlyFiles.create(file, secret);
        return secret;
    }

    public static void renew(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    }

    public static void remove(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    public static Check check(Path file, CharSequence presented, Clock clock) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || !OwnerOnlyFiles.ownerOnly(attributes.permissions())) {
                return Check.UNSAFE_FILE;
            }
            if (attributes.lastModifiedTime().toMillis() < clock.millis() - LEASE.toMillis()) {
                return Check.STALE;
            }
            byte[] expected = Files.readString(file, StandardCharsets.US_ASCII).strip().getBytes(StandardCharsets.UTF_8);
            byte[] given = presented == null ? new byte[0] : presented.toString().getBytes(StandardCharsets.UTF_8);
            // constant time, and an empty file never matches
            return expected.length > 0 && MessageDigest.isEqual(expected, given) ? Check.ACCEPTED : Check.WRONG_SECRET;
        } catch (NoSuchFileException e) {
            return Check.NOT_RUNNING;
        } catch (IOException e) {
            return Check.UNSAFE_FILE;
        }
    }
}
