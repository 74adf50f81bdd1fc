package vn.congvu.gateway.recipients;

/** The sender named something that does not exist or is not a number: the notice is refused (HTTP 400). */
public class BadTargetException extends IllegalArgumentException {

    public BadTargetException(String message) {
        super(message);
    }
}
