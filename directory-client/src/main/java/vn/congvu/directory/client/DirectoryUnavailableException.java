package vn.congvu.directory.client;

/** The directory could not be reached: callers answer with a temporary failure, never a permanent one. */
public class DirectoryUnavailableException extends DirectoryException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
