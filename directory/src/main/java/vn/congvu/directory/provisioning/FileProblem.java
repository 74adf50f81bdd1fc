package vn.congvu.directory.provisioning;

/** A personnel file that cannot be read at all: nothing is applied. The message says what to do. */
public class FileProblem extends Exception {
    public FileProblem(String message) {
        super(message);
    }

    public FileProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
