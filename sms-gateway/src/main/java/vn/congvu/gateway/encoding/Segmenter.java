package vn.congvu.gateway.encoding;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts encoded text into SMS payloads. It works on indivisible units (a GSM escape pair, a UTF-16
 * surrogate pair), so no part ends in half a character.
 */
final class Segmenter {

    private Segmenter() {
    }

    /** @param units the encoded characters, each kept whole (GSM: septets; UCS-2: 2 octets per code unit) */
    static List<byte[]> split(List<byte[]> units, Alphabet alphabet) {
        int octetsPerSlot = alphabet == Alphabet.UCS2 ? 2 : 1;
        int total = 0;
        for (byte[] unit : units) {
            total += unit.length / octetsPerSlot;
        }
        if (total <= alphabet.singleCapacity()) {
            return List.of(concat(units));
        }
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        int used = 0;
        for (byte[] unit : units) {
            int cost = unit.length / octetsPerSlot;
            if (used + cost > alphabet.partCapacity()) {
                parts.add(part.toByteArray());
                part.reset();
                used = 0;
            }
            part.writeBytes(unit);
            used += cost;
        }
        parts.add(part.toByteArray());
        return parts;
    }

    private static byte[] concat(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
