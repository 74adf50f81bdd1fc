package vn.congvu.directory.signin;

/**
 * A second factor being set up: the secret in Base32 for typing into an authenticator app, and the same as an
 * {@code otpauth://} URI for a QR code. Shown to the official once; not valid until confirmed with a code.
 */
public record Enrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "Enrolment[secret hidden]"; // never into a log by accident
    }
}
