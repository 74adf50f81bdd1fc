package vn.congvu.gateway.encoding;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import vn.congvu.directory.text.Gsm7Alphabet;
import vn.congvu.directory.text.GsmTransliteration;

/** Chooses the alphabet of a text and encodes it into SMS parts. */
public final class SmsEncoder {

    private final int maxParts;

    public SmsEncoder(int maxParts) {
        if (maxParts < 1 || maxParts > 255) {
            throw new IllegalArgumentException("max parts must be 1..255, not " + maxParts);
        }
        this.maxParts = maxParts;
    }

    /** @throws TooManyPartsException over the part limit; IllegalArgumentException for an empty text */
    public EncodedSms encode(String text, EncodingMode mode) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text is empty");
        }
        EncodedSms chosen = switch (mode) {
            case GSM7 -> gsm7Keeping(text);
            case UCS2 -> ucs2(text);
            case AUTO -> cheaperKeepingMeaning(text);
        };
        if (chosen.parts() > maxParts) {
            throw new TooManyPartsException(chosen.alphabet(), chosen.parts(), maxParts);
        }
        return chosen;
    }

    /** Encodes a text again in the alphabet chosen when it was accepted (the outbox keeps text and alphabet). */
    public EncodedSms encode(String text, Alphabet alphabet) {
        return alphabet == Alphabet.GSM7 ? gsm7(text) : ucs2(text);
    }

    /**
     * GSM-7 when it carries the text unchanged, or loses only diacritics and costs fewer parts; UCS-2 when it
     * costs no more parts (the diacritics are then free) or when GSM-7 would turn characters into '?'.
     */
    private EncodedSms cheaperKeepingMeaning(String text) {
        EncodedSms gsm = gsm7(text);
        if (gsm.text().equals(Normalizer.normalize(text, Normalizer.Form.NFC))) {
            return gsm;
        }
        EncodedSms ucs = ucs2(text);
        if (gsm.lossy() || ucs.parts() <= gsm.parts()) {
            return ucs;
        }
        return gsm;
    }

    /** GSM-7 as asked, but never silently: a character it cannot carry is refused with what to do instead. */
    private static EncodedSms gsm7Keeping(String text) {
        GsmTransliteration.Result plain = GsmTransliteration.transliterate(text);
        if (plain.lossy()) {
            throw new IllegalArgumentException("GSM-7 cannot carry " + plain.lost()
                    + " (it would arrive as '?'): send the text as ucs2 or auto, or remove those characters");
        }
        return gsm7(text);
    }

    static EncodedSms gsm7(String text) {
        GsmTransliteration.Result plain = GsmTransliteration.transliterate(text);
        String s = plain.text();
        List<byte[]> units = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            units.add(Gsm7Alphabet.septets(s.charAt(i)));
        }
        return new EncodedSms(Alphabet.GSM7, s, Segmenter.split(units, Alphabet.GSM7), plain.lossy());
    }

    static EncodedSms ucs2(String text) {
        // Precomposed letters: one code unit per Vietnamese letter instead of up to three.
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<byte[]> units = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> units.add(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_16BE)));
        return new EncodedSms(Alphabet.UCS2, s, Segmenter.split(units, Alphabet.UCS2), false);
    }
}
