package vn.congvu.gateway.recipients;

/** The directory cannot be reached right now (HTTP 503: try again). */
public class DirectoryDownException extends RuntimeException {

    public DirectoryDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
