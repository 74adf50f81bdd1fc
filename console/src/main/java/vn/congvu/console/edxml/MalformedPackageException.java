package vn.congvu.console.edxml;

/** A package CongVu cannot take, with the first problem found, in a sentence a document system's operator can act on. */
public final class MalformedPackageException extends Exception {

    public MalformedPackageException(String problem) {
        super(problem);
    }

    public MalformedPackageException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
