package vn.congvu.directory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MobileNumberTest {

    @ParameterizedTest
    @CsvSource({
        "0912345678, 84912345678",
        "0912 345 678, 84912345678",
        "0912.345.678, 84912345678",
        "+84912345678, 84912345678",
        "+84 912-345-678, 84912345678",
        "84912345678, 84912345678",
        "0084912345678, 84912345678",
        "912345678, 84912345678",
        "0386123456, 84386123456",
        "0523456789, 84523456789",
        "0871234567, 84871234567",
    })
    void normalisesWhatPeopleType(String raw, String expected) {
        MobileNumber.Result r = MobileNumber.parse(raw);
        assertTrue(r.valid(), () -> raw + ": " + r.error());
        assertEquals(expected, r.normalised());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0243825123", "091234567", "09123456789", "0912abc678", "+1 415 555 0100",
        "0112345678", "*)(uid=*"})
    void rejectsWhatIsNotAVietnameseMobile(String raw) {
        MobileNumber.Result r = MobileNumber.parse(raw);
        assertFalse(r.valid(), raw);
        assertFalse(r.error().isBlank());
    }

    @org.junit.jupiter.api.Test
    void landlineErrorNamesThePrefix() {
        assertTrue(MobileNumber.parse("0243825123").error().contains("024"));
        assertEquals("0912345678", MobileNumber.national("84912345678"));
    }
}
