package vn.congvu.directory.client;

/** A directory operation failed for a reason other than reachability (schema, permissions, bad data). */
public class DirectoryException extends RuntimeException {
    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryException(String message) {
        super(message);
    }
}
