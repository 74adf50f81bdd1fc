package vn.congvu.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * A PKCS12 keystore holding one self-signed certificate valid ten years, made with the JDK's keytool, so TLS is on
 * from the first start when the operator configured no certificate. Where it lives and where its secret is kept is
 * the caller's business.
 *
 * @param alias the key entry's name in the keystore
 * @param keyOptions keytool's key options, {@link #RSA_2048} or {@link #EC_P256}
 * @param distinguishedName the subject, e.g. {@code CN=mail.example.gov.vn, O=CongVu}
 * @param subjectAltNames keytool's SAN entries, e.g. {@code dns:localhost}, {@code ip:127.0.0.1}
 */
public record SelfSignedKeystore(String alias, List<String> keyOptions, String distinguishedName,
        List<String> subjectAltNames) {

    public static final List<String> RSA_2048 = List.of("-keyalg", "RSA", "-keysize", "2048");
    public static final List<String> EC_P256 = List.of("-keyalg", "EC", "-groupname", "secp256r1");
    /** How keytool is given the secret. */
    private static final String SECRET_VARIABLE = "CONGVU_KEYSTORE_SECRET";

    /**
     * Writes the keystore (600) to {@code keystore}, replacing what was there; on failure nothing is left there.
     *
     * @param secret the password of the keystore and of its key
     */
    public void generate(Path keystore, String secret) throws IOException, InterruptedException {
        Files.deleteIfExists(keystore);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias));
        command.addAll(keyOptions);
        command.addAll(List.of("-validity", "3650", "-dname", distinguishedName,
                "-ext", "SAN=" + String.join(",", subjectAltNames),
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", SECRET_VARIABLE, "-keypass:env", SECRET_VARIABLE));
        // The secret goes through the environment: on the command line other local users could read it, and one
        // starting with "-" (the URL-safe alphabet has it) was taken for an option ("-J..." even for a JVM option).
        ProcessBuilder keytool = new ProcessBuilder(command).redirectErrorStream(true);
        keytool.environment().put(SECRET_VARIABLE, secret);
        Process process = keytool.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            Files.deleteIfExists(keystore);
            throw new IOException("keytool could not generate the self-signed certificate: " + output.strip());
        }
        OwnerOnlyFiles.restrict(keystore);
    }
}
