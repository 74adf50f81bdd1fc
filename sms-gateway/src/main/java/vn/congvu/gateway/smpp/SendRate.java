package vn.congvu.gateway.smpp;

/** The TPS limit of an SMSC account; a cluster-wide implementation can replace the local one. */
public interface SendRate {

    /** Waits until one more submit_sm is allowed. */
    void acquire() throws InterruptedException;
}
