package vn.congvu.mail.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import vn.congvu.files.OwnerOnlyFiles;

/**
 * The domain's DKIM key pair: a 2048-bit RSA key in an owner-only PKCS#8 PEM file, generated the first time it is
 * asked for. The public half is derived from the private key, so there is only one file to protect and back up.
 */
public final class SigningKey {
    private static final int BITS = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final RSAPrivateCrtKey privateKey;

    private SigningKey(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
    }

    /** The key in {@code file}, generated there first when the file does not exist. */
    public static synchronized SigningKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnlyFiles.directory(dir);
            // Written whole aside, then linked in place: a server starting while ./congvu dkim runs must not end up
            // signing with a key other than the one in the file (link, unlike rename, never replaces).
            Path fresh = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".new");
            OwnerOnlyFiles.replace(fresh, pem(generate()));
            try {
                Files.createLink(file, fresh);
            } catch (FileAlreadyExistsException e) {
                // the other one was first: its key is the domain's
            } finally {
                Files.deleteIfExists(fresh);
            }
        }
        return read(file);
    }

    private static byte[] generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            KeyPair pair = generator.generateKeyPair();
            return pair.getPrivate().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    private static String pem(byte[] pkcs8) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
            + "\n" + END + "\n";
    }

    private static SigningKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not a PKCS#8 PEM private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        try {
            return new SigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException(file + " does not hold an RSA private key", e);
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    /** The public key's DER (SubjectPublicKeyInfo), base64: the {@code p=} of the DNS record. */
    public String publicKeyBase64() {
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent());
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The TXT record's text, {@code v=DKIM1; k=rsa; p=…}. */
    public String recordText() {
        return "v=DKIM1; k=rsa; p=" + publicKeyBase64();
    }
}
