package vn.congvu.gateway.smpp;

import vn.congvu.gateway.encoding.Alphabet;

/**
 * One submit_sm: one part of one message to one number.
 *
 * @param destination international format without '+', e.g. 84912345678
 * @param shortMessage the octets, UDH included when {@code concatenated}
 */
public record Submission(String destination, Alphabet alphabet, byte[] shortMessage, boolean concatenated) {
}
